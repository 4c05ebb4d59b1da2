namespace AppHost.Orchestration;

/// <summary>
/// The manifest's <c>{resource.property}</c> expressions, which azd resolves at deployment: a container's host and
/// port, a parameter's value, a resource's connection string.
/// </summary>
internal static class ManifestExpressions
{
    public const string TcpBinding = "tcp";
    public const string HttpBinding = "http";

    public static string ConnectionString(IResource resource) => $"{{{resource.Name}.connectionString}}";

    public static string Value(string parameterName) => $"{{{parameterName}.value}}";

    public static string InputValue(string parameterName) => $"{{{parameterName}.inputs.value}}";

    public static string Binding(IResource resource, string binding, string property) => $"{{{resource.Name}.bindings.{binding}.{property}}}";

    /// <summary>The <c>annotated.string</c> resource that gives a secret URI-escaped, for the <c>URI</c> connection properties.</summary>
    public static string UriEncodedName(SecretParameter secret) => $"{secret.Name}-uri-encoded";

    public static ConnectionParts PartsOf(IResource server, SecretParameter password) => new(
        Binding(server, TcpBinding, "host"),
        Binding(server, TcpBinding, "port"),
        Value(password.Name),
        Value(UriEncodedName(password)));
}

/// <summary>Reference variables as manifest expressions: every value is resolved by azd, none is known here.</summary>
internal sealed class ManifestReferenceValues : IReferenceValues
{
    public string ConnectionString(IResourceWithConnectionString resource) => ManifestExpressions.ConnectionString(resource);

    public IReadOnlyDictionary<string, string> ConnectionProperties(IResourceWithConnectionString resource) => resource switch
    {
        PostgresServerResource server => server.FormatConnectionProperties(ManifestExpressions.PartsOf(server, server.Password)),
        PostgresDatabaseResource database => database.FormatConnectionProperties(ManifestExpressions.PartsOf(database.Server, database.Server.Password)),
        RedisResource cache => RedisResource.FormatConnectionProperties(ManifestExpressions.PartsOf(cache, cache.Password)),
        _ => new Dictionary<string, string>(),
    };

    // One URL: the platform load-balances the replicas behind it.
    public IReadOnlyList<string> HttpUrls(ProjectResource project) => [ManifestExpressions.Binding(project, ManifestExpressions.HttpBinding, "url")];
}
