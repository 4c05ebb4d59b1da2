using System.Globalization;
using System.Text.Json;

namespace AppHost.Orchestration;

/// <summary>
/// Runs a <see cref="RedisResource"/> with redis-server or Garnet. The password goes in a config file readable only
/// by its owner, never on the command line where any local user could read it.
/// </summary>
internal sealed class CacheLauncher(RedisResource cache, string? serverPreference, EngineContext context) : IProcessLauncher
{
    private CacheServer server = null!;

    private string Folder => Path.Combine(context.StateDirectory, cache.Name);

    public IHealthProbe HealthProbe { get; } = new RedisHealthProbe(cache);

    IHealthProbe? IProcessLauncher.HealthProbe => HealthProbe;

    public Task PrepareAsync(CancellationToken cancellationToken)
    {
        server = CacheServer.Choose(serverPreference);
        context.Log.Info($"{cache.Name}: using {server.Description}");
        Directory.CreateDirectory(Folder);
        var port = cache.Endpoint.AllocatedPort.ToString(CultureInfo.InvariantCulture);
        var contents = server.Kind == CacheServer.Redis
            ? string.Join('\n',
                $"port {port}",
                "bind 127.0.0.1 -::1",
                $"requirepass {cache.Password.Value}",
                "save \"\"",
                "appendonly no",
                // Redis acts on SIGTERM at its next 1/hz tick: 100 ticks a second end it in ~10 ms instead of up to
                // 100 ms, on every Ctrl+C and harness disposal, for a negligible idle cost.
                "hz 100",
                $"dir {Folder}")
            : JsonSerializer.Serialize(new Dictionary<string, object>
            {
                ["Port"] = cache.Endpoint.AllocatedPort,
                ["Address"] = "127.0.0.1",
                ["AuthenticationMode"] = "Password",
                ["Password"] = cache.Password.Value,
                ["EnableLua"] = true,
                ["MemorySize"] = "256m",
                ["IndexSize"] = "16m",
                ["QuietMode"] = true,
            });
        var file = ConfigFile;
        File.WriteAllText(file, "");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(file, contents + "\n");
        return Task.CompletedTask;
    }

    private string ConfigFile => Path.Combine(Folder, server.Kind == CacheServer.Redis ? "redis.conf" : "garnet.conf");

    public ProcessSpec CreateSpec(int replica)
    {
        string[] args = server.Kind == CacheServer.Redis ? [ConfigFile] : ["--config-import-path", ConfigFile];
        return new ProcessSpec(server.FileName, [.. server.LeadingArgs, .. args], context.AppHostDirectory);
    }

    public IReadOnlyList<string> UrlsOf(int replica) => [$"redis://{cache.Endpoint.Host}:{cache.Endpoint.AllocatedPort}"];
}
