using System.Globalization;

namespace AppHost.Orchestration;

/// <summary>
/// Reference variables on one Compose host: servers are reached by service name on their container port, secrets
/// come from <c>.env</c> through <c>${VARIABLE}</c> interpolation, projects by <c>http://{service}:8080</c>.
/// </summary>
internal sealed class ComposeReferenceValues : IReferenceValues
{
    public string ConnectionString(IResourceWithConnectionString resource) => resource switch
    {
        PostgresServerResource server => server.FormatConnectionString(PartsOf(server)),
        PostgresDatabaseResource database => database.FormatConnectionString(PartsOf(database.Server)),
        RedisResource cache => RedisResource.FormatConnectionString(PartsOf(cache)),
        _ => ComposeVariables.Reference(ComposeVariables.ConnectionStringVariable(resource)),
    };

    public IReadOnlyDictionary<string, string> ConnectionProperties(IResourceWithConnectionString resource) => resource switch
    {
        PostgresServerResource server => server.FormatConnectionProperties(PartsOf(server)),
        PostgresDatabaseResource database => database.FormatConnectionProperties(PartsOf(database.Server)),
        RedisResource cache => RedisResource.FormatConnectionProperties(PartsOf(cache)),
        _ => new Dictionary<string, string>(),
    };

    public IReadOnlyList<string> HttpUrls(ProjectResource project) =>
        [$"http://{project.Name}:{PublishedModel.ContainerHttpPort.ToString(CultureInfo.InvariantCulture)}"];

    // Compose secrets are letters and digits (see EnvFile), so the URI form needs no escaping.
    private static ConnectionParts PartsOf(PostgresServerResource server) =>
        Parts(server, ServerContainers.PostgresPort, server.Password);

    private static ConnectionParts PartsOf(RedisResource cache) => Parts(cache, ServerContainers.RedisPort, cache.Password);

    private static ConnectionParts Parts(IResource service, int port, SecretParameter password)
    {
        var secret = ComposeVariables.Reference(ComposeVariables.SecretVariable(password));
        return new(service.Name, port.ToString(CultureInfo.InvariantCulture), secret, secret);
    }
}
