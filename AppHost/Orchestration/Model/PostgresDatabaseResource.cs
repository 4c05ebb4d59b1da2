namespace AppHost.Orchestration;

/// <summary>A database inside a <see cref="PostgresServerResource"/>, created when the server is ready.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource server)
    : Resource(name), IResourceWithConnectionString, IResourceWithParent
{
    public override string ResourceType => "PostgresDatabase";

    public string DatabaseName { get; } = databaseName;

    public PostgresServerResource Server { get; } = server;

    IResource IResourceWithParent.Parent => Server;

    public string? ConnectionString => Server.ConnectionString is { } server ? WithDatabase(server) : null;

    public IReadOnlyDictionary<string, string> ConnectionProperties =>
        Server.RunningParts is { } parts ? FormatConnectionProperties(parts) : new Dictionary<string, string>();

    /// <summary>The server's connection string (or an expression standing for it) narrowed to this database.</summary>
    internal string WithDatabase(string serverConnectionString) => $"{serverConnectionString};Database={DatabaseName}";

    internal string FormatConnectionString(ConnectionParts parts) => WithDatabase(Server.FormatConnectionString(parts));

    internal IReadOnlyDictionary<string, string> FormatConnectionProperties(ConnectionParts parts) =>
        PostgresConnectionProperties.For(Server, DatabaseName, parts);
}
