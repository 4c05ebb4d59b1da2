namespace AppHost.Orchestration;

/// <summary>
/// An existing server named by the AppHost's configuration (<c>ConnectionStrings:{name}</c>): nothing is started,
/// referencing services receive the configured string.
/// </summary>
public sealed class ConnectionStringResource(string name, string connectionString)
    : Resource(name), IResourceWithConnectionString
{
    public override string ResourceType => "ConnectionString";

    public string? ConnectionString { get; } = connectionString;

    public IReadOnlyDictionary<string, string> ConnectionProperties { get; } = new Dictionary<string, string>();
}
