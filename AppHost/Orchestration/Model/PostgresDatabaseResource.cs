namespace AppHost.Orchestration;

/// <summary>A database inside a <see cref="PostgresServerResource"/>, created when the server is ready.</summary>
public sealed class PostgresDatabaseResource(string name, string databaseName, PostgresServerResource server)
    : Resource(name), IResourceWithConnectionString, IResourceWithParent
{
    public override string ResourceType => "PostgresDatabase";

    public string DatabaseName { get; } = databaseName;

    public PostgresServerResource Server { get; } = server;

    IResource IResourceWithParent.Parent => Server;

    public string? ConnectionString => Server.ConnectionString is { } server ? $"{server};Database={DatabaseName}" : null;

    public IReadOnlyDictionary<string, string> ConnectionProperties => PostgresConnectionProperties.For(Server, DatabaseName);
}
