using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;

namespace AppHost.LocalProcesses;

/// <summary>
/// Which Redis-compatible server runs the cache: <c>redis-server</c> when it is on PATH, otherwise Microsoft's Garnet,
/// the <c>garnet-server</c> tool of the repository's manifest (restored by the AppHost's build), run directly from
/// NuGet's package folder so that the orchestrator watches and stops the server itself. <c>AppHost:CacheServer</c>
/// (redis | garnet) forces one.
/// </summary>
internal sealed record CacheServerProgram(string Kind, string Command, IReadOnlyList<string> LeadingArgs)
{
    public const string Redis = "redis";
    public const string Garnet = "garnet";

    public string ConfigFileName => Kind == Redis ? "redis.conf" : "garnet.conf";

    /// <summary>For the resource's log: which server, from where.</summary>
    public string Description => Kind == Redis ? $"redis-server ({Command})" : $"Garnet ({LeadingArgs[^1]}; redis-server is not on PATH)";

    /// <summary>The program, or a one-line reason why none can run.</summary>
    public static (CacheServerProgram? Program, string? Problem) Choose(string? preference, string repositoryRoot)
    {
        var redis = FindOnPath("redis-server");
        return preference?.ToLowerInvariant() switch
        {
            Redis when redis is null => (null, "AppHost:CacheServer is 'redis' but redis-server is not on PATH: install it (sudo apt-get install redis-server) or remove the setting to use Garnet."),
            Redis => (new(Redis, redis!, []), null),
            Garnet => FromToolManifest(repositoryRoot),
            null or "" => redis is not null ? (new(Redis, redis, []), null) : FromToolManifest(repositoryRoot),
            _ => (null, $"AppHost:CacheServer '{preference}' is unknown: use 'redis' or 'garnet', or remove it."),
        };
    }

    /// <summary>The configuration file's contents: port, password, no persistence.</summary>
    public string Configuration(int port, string password, string folder) => Kind == Redis
        ? string.Join('\n',
            $"port {port.ToString(CultureInfo.InvariantCulture)}",
            "bind 127.0.0.1 -::1",
            $"requirepass {password}",
            "save \"\"",
            "appendonly no",
            // Redis acts on SIGTERM at its next tick: 100 ticks a second end it in ~10 ms instead of up to 100 ms.
            "hz 100",
            $"dir {folder}") + "\n"
        : JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["Port"] = port,
            ["Address"] = "127.0.0.1",
            ["AuthenticationMode"] = "Password",
            ["Password"] = password,
            ["EnableLua"] = true,
            ["MemorySize"] = "256m",
            ["IndexSize"] = "16m",
            ["QuietMode"] = true,
        });

    public IReadOnlyList<string> Arguments(string configFile) =>
        Kind == Redis ? [configFile] : [.. LeadingArgs, "--config-import-path", configFile];

    private static (CacheServerProgram?, string?) FromToolManifest(string repositoryRoot)
    {
        const string tool = "garnet-server";
        var manifest = Path.Combine(repositoryRoot, ".config", "dotnet-tools.json");
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(manifest));
            var version = json.RootElement.GetProperty("tools").GetProperty(tool).GetProperty("version").GetString()!;
            var package = Path.Combine(NuGetPackagesFolder(), tool, version);
            var settings = Directory.GetFiles(package, "DotnetToolSettings.xml", SearchOption.AllDirectories).FirstOrDefault();
            var entryPoint = settings is null ? null : XDocument.Load(settings).Descendants("Command").FirstOrDefault()?.Attribute("EntryPoint")?.Value;
            if (entryPoint is null)
            {
                return (null, $"redis-server is not on PATH and {tool} {version} is not restored: run `dotnet tool restore` at the repository root, or install redis-server (sudo apt-get install redis-server).");
            }

            return (new(Garnet, "dotnet", ["exec", Path.Combine(Path.GetDirectoryName(settings)!, entryPoint)]), null);
        }
        catch (Exception e) when (e is IOException or JsonException or KeyNotFoundException or UnauthorizedAccessException)
        {
            return (null, $"redis-server is not on PATH and {manifest} names no {tool} to use instead ({e.Message}): install redis-server (sudo apt-get install redis-server).");
        }
    }

    private static string NuGetPackagesFolder() =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
