namespace AppHost.LocalProcesses;

/// <summary>
/// PostgreSQL from this machine's installation, run by Aspire's orchestrator as a local process where no container
/// runtime answers. Services see exactly what Aspire's <see cref="PostgresServerResource"/> gives them: the same
/// connection string, connection properties and generated <c>{name}-password</c> parameter.
/// </summary>
public sealed class LocalPostgresServerResource(string name, ParameterResource password)
    : ExecutableResource(name, command: "postgres", workingDirectory: ""), IResourceWithConnectionString
{
    internal const string PrimaryEndpointName = "tcp";

    /// <summary>The superuser, as in Aspire's container (<c>POSTGRES_USER</c> defaults to it).</summary>
    public const string UserName = "postgres";

    private readonly Dictionary<string, string> databases = new(StringComparer.OrdinalIgnoreCase);

    public EndpointReference PrimaryEndpoint => field ??= new(this, PrimaryEndpointName);

    public EndpointReferenceExpression Host => PrimaryEndpoint.Property(EndpointProperty.Host);

    public EndpointReferenceExpression Port => PrimaryEndpoint.Property(EndpointProperty.Port);

    public ParameterResource PasswordParameter { get; } = password;

    /// <summary>The data folder: under the AppHost's state folder with <c>WithDataVolume()</c>, else thrown away after the run.</summary>
    public string DataFolder { get; internal set; } = "";

    /// <summary>Databases to create once the server is healthy: resource name to database name.</summary>
    public IReadOnlyDictionary<string, string> Databases => databases;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"Host={Host};Port={Port};Username={UserName};Password={PasswordParameter}");

    internal void AddDatabase(string resourceName, string databaseName) => databases.TryAdd(resourceName, databaseName);

    internal ReferenceExpression BuildUri(string? databaseName = null)
    {
        var builder = new ReferenceExpressionBuilder();
        builder.Append($"postgresql://{UserName:uri}:{PasswordParameter:uri}@{Host}:{Port}");
        if (databaseName is not null)
        {
            builder.Append($"/{databaseName:uri}");
        }

        return builder.Build();
    }

    internal ReferenceExpression BuildJdbcConnectionString(string? databaseName = null)
    {
        var builder = new ReferenceExpressionBuilder();
        builder.Append($"jdbc:postgresql://{Host}:{Port}");
        if (databaseName is not null)
        {
            builder.Append($"/{databaseName:uri}");
        }

        return builder.Build();
    }

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() =>
    [
        new("Host", ReferenceExpression.Create($"{Host}")),
        new("Port", ReferenceExpression.Create($"{Port}")),
        new("Username", ReferenceExpression.Create($"{UserName}")),
        new("Password", ReferenceExpression.Create($"{PasswordParameter}")),
        new("Uri", BuildUri()),
        new("JdbcConnectionString", BuildJdbcConnectionString()),
    ];
}
