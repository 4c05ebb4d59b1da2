namespace AppHost.Publishing;

/// <summary>
/// Start order in Compose terms: <c>WaitFor</c> becomes <c>condition: service_healthy</c> (a database: its server)
/// where the service has a health check, else <c>service_started</c>; <c>WaitForCompletion</c> becomes
/// <c>service_completed_successfully</c>, and the worker it waits for is not restarted.
/// </summary>
internal static class ComposeStartOrder
{
    public static YamlMap DependsOn(IResource resource, IReadOnlySet<IResource> services)
    {
        var dependencies = new YamlMap();
        foreach (var wait in resource.Annotations.OfType<WaitAnnotation>())
        {
            // Parameters (an existing server's connection string) are outside Compose: nothing to wait for.
            var dependency = wait.Resource;
            while (dependency is IResourceWithParent child && !services.Contains(dependency))
            {
                dependency = child.Parent;
            }

            if (services.Contains(dependency) && !dependencies.Contains(dependency.Name))
            {
                dependencies.Add(dependency.Name, new YamlMap().Add("condition", Condition(wait, dependency)));
            }
        }

        return dependencies;
    }

    /// <summary>A run-once worker exits when done; restarting it would run it again.</summary>
    public static string Restart(IResource resource, IEnumerable<IResource> model) =>
        RunOnceWorkers.IsRunOnce(resource, model) ? "no" : "unless-stopped";

    private static string Condition(WaitAnnotation wait, IResource dependency) => wait.WaitType switch
    {
        WaitType.WaitForCompletion when wait.ExitCode == 0 => "service_completed_successfully",
        WaitType.WaitForCompletion => throw new PublishingException(
            $"Compose can only wait for '{dependency.Name}' to exit with 0, not {wait.ExitCode}: use WaitForCompletion without an exit code."),
        WaitType.WaitUntilHealthy when ComposeHealthChecks.For(dependency) is not null => "service_healthy",
        _ => "service_started",
    };
}
