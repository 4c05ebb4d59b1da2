namespace AppHost.LocalProcesses;

/// <summary>
/// A Redis-compatible cache run as a local process (redis-server, or Microsoft's Garnet) where no container runtime
/// answers. Services see exactly what Aspire's <see cref="RedisResource"/> gives them: the same connection string,
/// connection properties and generated <c>{name}-password</c> parameter.
/// </summary>
public sealed class LocalRedisResource(string name, ParameterResource password)
    : ExecutableResource(name, command: "redis-server", workingDirectory: ""), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";

    public EndpointReference PrimaryEndpoint => field ??= new(this, PrimaryEndpointName);

    public EndpointReferenceExpression Host => PrimaryEndpoint.Property(EndpointProperty.Host);

    public EndpointReferenceExpression Port => PrimaryEndpoint.Property(EndpointProperty.Port);

    public ParameterResource PasswordParameter { get; } = password;

    /// <summary>The folder of the server's configuration file, which holds the password (mode 600).</summary>
    public string StateFolder { get; internal set; } = "";

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{PrimaryEndpoint.Property(EndpointProperty.HostAndPort)},password={PasswordParameter}");

    public ReferenceExpression UriExpression => ReferenceExpression.Create($"redis://:{PasswordParameter:uri}@{Host}:{Port}");

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() =>
    [
        new("Host", ReferenceExpression.Create($"{Host}")),
        new("Port", ReferenceExpression.Create($"{Port}")),
        new("Password", ReferenceExpression.Create($"{PasswordParameter}")),
        new("Uri", UriExpression),
    ];
}
