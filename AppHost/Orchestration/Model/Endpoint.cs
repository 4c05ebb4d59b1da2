namespace AppHost.Orchestration;

/// <summary>A network endpoint a resource listens on; the port is allocated when the application starts.</summary>
public sealed class Endpoint(string name, string scheme, int? preferredPort)
{
    public string Name { get; } = name;

    public string Scheme { get; } = scheme;

    /// <summary>Port asked for (a launch profile's, or a user's); another is taken when it is busy.</summary>
    public int? PreferredPort { get; } = preferredPort;

    public string Host { get; } = "localhost";

    public int? Port { get; internal set; }

    public bool IsExternal { get; internal set; }

    public int AllocatedPort => Port ?? throw new InvalidOperationException($"Endpoint '{Name}' has no port yet.");

    public string Url => $"{Scheme}://{Host}:{AllocatedPort}";
}
