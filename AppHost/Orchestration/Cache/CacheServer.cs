namespace AppHost.Orchestration;

/// <summary>
/// Which Redis-compatible server runs the cache: <c>redis-server</c> when it is on PATH, otherwise Microsoft's Garnet
/// from the repository's tool manifest. <c>AppHost:CacheServer</c> (redis | garnet) forces one.
/// </summary>
internal sealed record CacheServer(string Kind, string FileName, IReadOnlyList<string> LeadingArgs, string Description)
{
    public const string Redis = "redis";
    public const string Garnet = "garnet";

    public static CacheServer Choose(string? preference)
    {
        var redis = FindOnPath("redis-server");
        return preference?.ToLowerInvariant() switch
        {
            Redis when redis is null => throw new DistributedApplicationException(
                "AppHost:CacheServer is 'redis' but redis-server is not on PATH: install it (apt-get install redis-server) or remove the setting to use Garnet."),
            Redis => FromRedis(redis!),
            Garnet => FromToolManifest(),
            null or "" => redis is not null ? FromRedis(redis) : FromToolManifest(),
            _ => throw new DistributedApplicationException($"AppHost:CacheServer '{preference}' is unknown: use 'redis' or 'garnet'."),
        };
    }

    private static CacheServer FromRedis(string path) => new(Redis, path, [], $"redis-server ({path})");

    // `dotnet tool run` finds the version pinned in .config/dotnet-tools.json, restored by the AppHost's build.
    private static CacheServer FromToolManifest() =>
        new(Garnet, "dotnet", ["tool", "run", "garnet-server", "--"], "Garnet (garnet-server from the tool manifest; redis-server is not on PATH)");

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
