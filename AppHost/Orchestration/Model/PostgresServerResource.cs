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

    public string? ConnectionString => Endpoint.Port is { } port
        ? $"Host={Endpoint.Host};Port={port};Username={UserName};Password={Password.Value}"
        : null;

    public IReadOnlyDictionary<string, string> ConnectionProperties => PostgresConnectionProperties.For(this, databaseName: null);
}
