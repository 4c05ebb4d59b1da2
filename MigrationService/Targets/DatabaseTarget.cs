using Npgsql;

namespace MigrationService.Targets;

/// <summary>The database a command works on, and where its connection string came from (named in every error).</summary>
internal sealed record DatabaseTarget(DeploymentEnvironment Environment, string ConnectionString, string Source)
{
    private NpgsqlConnectionStringBuilder Parsed => new(ConnectionString);

    public string Host => Parsed.Host ?? "localhost";

    public int Port => Parsed.Port;

    public string Database => Parsed.Database ?? "";

    public string Username => Parsed.Username ?? "";

    public string? Password => Parsed.Password;

    public string EnvironmentName => Environment.Name();

    /// <summary>One line naming the environment, server and database; never the password.</summary>
    public string Describe() => $"{EnvironmentName}: {Username}@{Host}:{Port}/{Database} (from {Source})";

    public string WithDatabase(string database) => new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database }.ConnectionString;
}
