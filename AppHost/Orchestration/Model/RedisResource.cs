namespace AppHost.Orchestration;

/// <summary>A Redis-compatible cache: redis-server when installed, otherwise Garnet from the tool manifest.</summary>
public sealed class RedisResource(string name, SecretParameter password, int? port)
    : Resource(name), IResourceWithConnectionString
{
    public override string ResourceType => "Redis";

    public SecretParameter Password { get; } = password;

    public Endpoint Endpoint { get; } = new("tcp", "redis", port);

    public string? ConnectionString => Endpoint.Port is { } port
        ? $"{Endpoint.Host}:{port},password={Password.Value}"
        : null;

    public IReadOnlyDictionary<string, string> ConnectionProperties => Endpoint.Port is { } port
        ? new Dictionary<string, string>
        {
            ["HOST"] = Endpoint.Host,
            ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PASSWORD"] = Password.Value,
            ["URI"] = $"redis://:{Uri.EscapeDataString(Password.Value)}@{Endpoint.Host}:{port}",
        }
        : new Dictionary<string, string>();
}
