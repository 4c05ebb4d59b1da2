using System.Globalization;

namespace AppHost.Orchestration;

/// <summary>A Redis-compatible cache: redis-server when installed, otherwise Garnet from the tool manifest.</summary>
public sealed class RedisResource(string name, SecretParameter password, int? port)
    : Resource(name), IResourceWithConnectionString
{
    public override string ResourceType => "Redis";

    public SecretParameter Password { get; } = password;

    public Endpoint Endpoint { get; } = new("tcp", "redis", port);

    /// <summary>The running cache's parts; null until it has its port.</summary>
    internal ConnectionParts? RunningParts => Endpoint.Port is { } port
        ? new(Endpoint.Host, port.ToString(CultureInfo.InvariantCulture), Password.Value, Uri.EscapeDataString(Password.Value))
        : null;

    public string? ConnectionString => RunningParts is { } parts ? FormatConnectionString(parts) : null;

    public IReadOnlyDictionary<string, string> ConnectionProperties =>
        RunningParts is { } parts ? FormatConnectionProperties(parts) : new Dictionary<string, string>();

    internal static string FormatConnectionString(ConnectionParts parts) => $"{parts.Host}:{parts.Port},password={parts.Password}";

    internal static IReadOnlyDictionary<string, string> FormatConnectionProperties(ConnectionParts parts) => new Dictionary<string, string>
    {
        ["HOST"] = parts.Host,
        ["PORT"] = parts.Port,
        ["PASSWORD"] = parts.Password,
        ["URI"] = $"redis://:{parts.PasswordInUri}@{parts.Host}:{parts.Port}",
    };
}
