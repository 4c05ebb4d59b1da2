namespace AppHost.Orchestration;

/// <summary>
/// PostgreSQL and Redis as containers, configured as Aspire configures them, shared by the manifest and Compose so
/// both deploy the same servers. Images are Aspire 13's.
/// </summary>
internal static class ServerContainers
{
    public const string PostgresImage = "docker.io/library/postgres:17.6";
    public const int PostgresPort = 5432;
    public const string PostgresDataPath = "/var/lib/postgresql/data";

    public const string RedisImage = "docker.io/library/redis:8.6";
    public const int RedisPort = 6379;
    public const string RedisEntrypoint = "/bin/sh";

    /// <summary>The password comes from the environment so it never appears in the container's command line.</summary>
    public const string RedisPasswordVariable = "REDIS_PASSWORD";

    public static IReadOnlyList<string> RedisArgs(string variableReference) => ["-c", $"redis-server --requirepass {variableReference}"];

    public static Dictionary<string, string> PostgresEnvironment(PostgresServerResource server, string password) => new(StringComparer.Ordinal)
    {
        ["POSTGRES_HOST_AUTH_METHOD"] = "scram-sha-256",
        ["POSTGRES_INITDB_ARGS"] = "--auth-host=scram-sha-256 --auth-local=scram-sha-256",
        ["POSTGRES_USER"] = server.UserName,
        ["POSTGRES_PASSWORD"] = password,
    };
}
