namespace AppHost.Publishing;

/// <summary>
/// Resources others wait for with <c>WaitForCompletion</c>: the migration worker. The AppHost and Compose start their
/// dependents on the worker's exit; a container platform (Azure Container Apps, a Kubernetes Deployment) restarts any
/// container that exits, even with 0, and would run it in a loop.
/// </summary>
internal static class RunOnceWorkers
{
    /// <summary>Read by the MigrationService (<c>Worker:KeepAliveAfterCompletion</c>): stay up, idle, after success.</summary>
    public const string KeepAliveVariable = "Worker__KeepAliveAfterCompletion";

    public static bool IsRunOnce(IResource resource, IEnumerable<IResource> model) =>
        model.Any(other => other.Annotations.OfType<WaitAnnotation>()
            .Any(wait => wait.WaitType == WaitType.WaitForCompletion && ReferenceEquals(wait.Resource, resource)));

    /// <summary>
    /// In publish mode, gives each run-once project <see cref="KeepAliveVariable"/><c>=true</c>, so the manifest
    /// deploys a worker that migrates once per release and then idles. Compose leaves it out (see <see cref="ComposeServices"/>).
    /// </summary>
    public static void KeepUpWhenDeployed(IDistributedApplicationBuilder builder)
    {
        if (!builder.ExecutionContext.IsPublishMode)
        {
            return;
        }

        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            foreach (var worker in @event.Model.Resources.OfType<ProjectResource>().Where(p => IsRunOnce(p, @event.Model.Resources)))
            {
                worker.Annotations.Add(new EnvironmentCallbackAnnotation((EnvironmentCallbackContext context) => context.EnvironmentVariables[KeepAliveVariable] = "true"));
            }

            return Task.CompletedTask;
        });
    }
}
