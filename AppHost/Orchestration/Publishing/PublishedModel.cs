namespace AppHost.Orchestration;

/// <summary>
/// The application model as a deployment sees it: which resources can be deployed, which projects serve HTTP,
/// and which ones run once for others (<c>WaitForCompletion</c>), which a container platform cannot express.
/// Explicit-start resources are left out.
/// </summary>
internal sealed class PublishedModel
{
    /// <summary>What .NET's container images listen on (<c>HTTP_PORTS</c>), and so what azd and Compose expose.</summary>
    public const int ContainerHttpPort = 8080;

    /// <summary>
    /// Given to a run-once worker when deployed: platforms restart a container that exits, even with 0, so the
    /// worker stays up (idle) after success instead of running again in a loop. Compose keeps the exit
    /// (<c>service_completed_successfully</c>), so only the manifest sets it.
    /// </summary>
    public const string KeepAliveVariable = "Worker__KeepAliveAfterCompletion";

    public PublishedModel(IReadOnlyList<IResource> resources, string appHostDirectory)
    {
        if (resources.OfType<ExecutableResource>().FirstOrDefault() is { } executable)
        {
            throw new PublishingException(
                $"executable '{executable.Name}' cannot be deployed (azd accepts containers and projects): model it with AddProject, or leave it out of the published model.");
        }

        // An explicit-start resource is a local tool (the data browser): started by hand, never deployed.
        Resources = [.. resources.Where(r => r is not Resource { ExplicitStart: true })];
        AppHostDirectory = appHostDirectory;
        AppHostName = Path.GetFileName(Path.TrimEndingDirectorySeparator(appHostDirectory)).ToLowerInvariant();
    }

    public string AppHostDirectory { get; }

    public IReadOnlyList<IResource> Resources { get; }

    /// <summary>Prefix of named volumes; stable across machines and checkouts so a redeploy finds its data again.</summary>
    public string AppHostName { get; }

    public IEnumerable<ProjectResource> Projects => Resources.OfType<ProjectResource>();

    /// <summary>A project serves HTTP when its launch profile has an HTTP URL (a web project) or another service calls it.</summary>
    public bool HasHttpBinding(ProjectResource project) =>
        project.LaunchProfile?.HttpPort is not null || Resources.OfType<Resource>().Any(r => r.References.Contains(project));

    /// <summary>Another resource waits for this one to finish (<c>WaitForCompletion</c>): a migration or seed job.</summary>
    public bool IsRunOnce(IResource resource) =>
        Resources.OfType<Resource>().Any(r => r.Waits.Any(w => w.Behavior == WaitBehavior.Completed && ReferenceEquals(w.Dependency, resource)));

    public string VolumeName(PostgresServerResource server) => $"{AppHostName}-{server.Name}-data";
}
