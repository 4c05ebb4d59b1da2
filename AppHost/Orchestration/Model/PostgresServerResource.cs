using System.Globalization;

namespace AppHost.Orchestration;

/// <summary>A PostgreSQL server run from the machine's installation.</summary>
public sealed class PostgresServerResource(string name, string userName, SecretParameter password, int? port)
    : Resource(name), IResourceWithConnectionString
{
    public override string ResourceType => "Postgres";

    public string UserName { get; } = userName;

    public SecretParameter Password { get; } = password;

    public Endpoint Endpoint { get; } = new("tcp", "tcp", port);

    /// <summary>Keep the data between runs (<c>WithDataVolume</c>); otherwise every run starts empty.</summary>
    public bool PersistData { get; internal set; }

    internal List<PostgresDatabaseResource> Databases { get; } = [];

    /// <summary>The running server's parts; null until it has its port.</summary>
    internal ConnectionParts? RunningParts => Endpoint.Port is { } port
        ? new(Endpoint.Host, port.ToString(CultureInfo.InvariantCulture), Password.Value, Uri.EscapeDataString(Password.Value))
        : null;

    public string? ConnectionString => RunningParts is { } parts ? FormatConnectionString(parts) : null;

    public IReadOnlyDictionary<string, string> ConnectionProperties =>
        RunningParts is { } parts ? FormatConnectionProperties(parts) : new Dictionary<string, string>();

    internal string FormatConnectionString(ConnectionParts parts) =>
        $"Host={parts.Host};Port={parts.Port};Username={UserName};Password={parts.Password}";

    internal IReadOnlyDictionary<string, string> FormatConnectionProperties(ConnectionParts parts) =>
        PostgresConnectionProperties.For(this, databaseName: null, parts);
}
