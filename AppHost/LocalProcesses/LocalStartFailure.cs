namespace AppHost.LocalProcesses;

/// <summary>
/// A local server that cannot start (nothing installed, a bad setting): one line in its console log saying what to do,
/// then the orchestrator's own failure to start a program that does not exist, so the resource is FailedToStart and
/// whoever waits for it fails with its name. Throwing from the start event would print a stack trace instead, and
/// letting the orchestrator start the configured program anyway could start the wrong one (a redis-server without its
/// configuration, on Redis's default port and with no password).
/// </summary>
internal static class LocalStartFailure
{
    /// <summary>Replaces the resource's program by one that cannot be found; call before the app starts.</summary>
    public static void PreventStart(ExecutableResource resource) =>
        resource.Annotations.OfType<ExecutableAnnotation>().Last().Command = Path.Combine(Path.GetTempPath(), "aspire-local-not-started", resource.Name);

    /// <summary>Writes the reason to the resource's console log, where the dashboard shows it.</summary>
    public static void Explain(IResource resource, string problem, IServiceProvider services) =>
        services.GetRequiredService<ResourceLoggerService>().GetLogger(resource).CannotStart(problem);
}
