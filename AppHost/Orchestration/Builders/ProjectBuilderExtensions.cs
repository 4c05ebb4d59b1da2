namespace AppHost.Orchestration;

public static class ProjectBuilderExtensions
{
    /// <summary>A project of the solution, named by its generated <c>Projects.X</c> class.</summary>
    public static IResourceBuilder<ProjectResource> AddProject<TProject>(this DistributedApplicationBuilder builder, string name)
        where TProject : IProjectMetadata, new()
    {
        var project = new ProjectResource(name, new TProject());
        project.LaunchProfile = LaunchProfile.Read(project.Metadata.ProjectPath);
        return builder.AddResource(project);
    }

    /// <summary>Run <paramref name="replicas"/> processes of the project, each on its own port.</summary>
    public static IResourceBuilder<ProjectResource> WithReplicas(this IResourceBuilder<ProjectResource> project, int replicas)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(replicas, 1);
        project.Resource.Replicas = replicas;
        return project;
    }

    /// <summary>Healthy only once <paramref name="path"/> answers 2xx; dependents' <c>WaitFor</c> waits for that.</summary>
    public static IResourceBuilder<ProjectResource> WithHttpHealthCheck(this IResourceBuilder<ProjectResource> project, string path = "/health")
    {
        project.Resource.HealthCheckPath = path.StartsWith('/') ? path : "/" + path;
        return project;
    }

    /// <summary>Mark the project's HTTP endpoints as reachable from outside (used by deployment).</summary>
    public static IResourceBuilder<ProjectResource> WithExternalHttpEndpoints(this IResourceBuilder<ProjectResource> project)
    {
        project.Resource.ExternalHttpEndpoints = true;
        return project;
    }

    /// <summary>Arguments given to the project's process after its dll, as <c>dotnet run -- args</c> would.</summary>
    public static IResourceBuilder<ProjectResource> WithArgs(this IResourceBuilder<ProjectResource> project, params string[] args)
    {
        project.Resource.Args.AddRange(args);
        return project;
    }

    /// <summary>
    /// The project browses <paramref name="database"/>'s data: it gets a generated token (at least 32 characters) in
    /// <paramref name="tokenVariable"/>, and the dashboard links the database to its URL with that token in
    /// <paramref name="tokenQuery"/> while it runs.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AsDataBrowserFor(
        this IResourceBuilder<ProjectResource> project, IResourceBuilder<IResourceWithConnectionString> database,
        string tokenVariable, string tokenQuery = "t")
    {
        var token = new SecretParameter($"{project.Resource.Name}-token", allowSpecialCharacters: false, length: 40);
        project.Resource.DataBrowser = new DataBrowserLink(database.Resource, token, tokenVariable, tokenQuery);
        return project;
    }
}
