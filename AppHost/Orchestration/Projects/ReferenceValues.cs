namespace AppHost.Orchestration;

/// <summary>
/// Where the values of a service's reference variables come from. <see cref="ServiceEnvironment"/> decides the
/// names, once; a local run fills them with ports and passwords, a publisher with what the deployment resolves.
/// </summary>
internal interface IReferenceValues
{
    string ConnectionString(IResourceWithConnectionString resource);

    IReadOnlyDictionary<string, string> ConnectionProperties(IResourceWithConnectionString resource);

    /// <summary>The project's HTTP URLs as its clients see them: one per replica locally, one behind a deployment's load balancer.</summary>
    IReadOnlyList<string> HttpUrls(ProjectResource project);
}

/// <summary>The values of the running engine: allocated ports, generated passwords.</summary>
internal sealed class RunningReferenceValues : IReferenceValues
{
    public static RunningReferenceValues Instance { get; } = new();

    public string ConnectionString(IResourceWithConnectionString resource) =>
        resource.ConnectionString ?? throw new InvalidOperationException($"'{resource.Name}' has no connection string yet.");

    public IReadOnlyDictionary<string, string> ConnectionProperties(IResourceWithConnectionString resource) => resource.ConnectionProperties;

    public IReadOnlyList<string> HttpUrls(ProjectResource project) => [.. project.HttpEndpoints.Select(e => e.Url)];
}
