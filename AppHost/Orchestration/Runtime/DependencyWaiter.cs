namespace AppHost.Orchestration;

/// <summary>Holds a resource back until its <c>WaitFor</c>/<c>WaitForStart</c>/<c>WaitForCompletion</c> dependencies are met.</summary>
internal sealed class DependencyWaiter(ResourceNotificationService notifications)
{
    /// <summary>Returns null when every dependency is met, otherwise the reason the resource cannot start.</summary>
    public async Task<string?> WaitAsync(Resource resource, CancellationToken cancellationToken)
    {
        var pending = resource.Waits.Select(wait => WaitForOneAsync(wait, cancellationToken)).ToList();
        while (pending.Count > 0)
        {
            var finished = await Task.WhenAny(pending);
            pending.Remove(finished);
            if (await finished is { } failure)
            {
                return failure;
            }
        }

        return null;
    }

    private async Task<string?> WaitForOneAsync(ResourceWait wait, CancellationToken cancellationToken)
    {
        var name = wait.Dependency.Name;
        switch (wait.Behavior)
        {
            case WaitBehavior.Completed:
            {
                var done = await notifications.WaitForResourceAsync(name, s => s.IsTerminal, cancellationToken);
                return done.State != KnownResourceStates.FailedToStart && done.ExitCode == wait.ExpectedExitCode
                    ? null
                    : $"dependency '{name}' {Outcome(done)} (expected exit code {wait.ExpectedExitCode})";
            }

            case WaitBehavior.Started:
            {
                var started = await notifications.WaitForResourceAsync(
                    name, s => s.State == KnownResourceStates.Running || s.IsTerminal, cancellationToken);
                return started.IsTerminal ? $"dependency '{name}' {Outcome(started)}" : null;
            }

            default:
            {
                var healthy = await notifications.WaitForResourceAsync(
                    name, s => s.State == KnownResourceStates.Running && s.Health == HealthStatus.Healthy || s.IsTerminal, cancellationToken);
                return healthy.IsTerminal ? $"dependency '{name}' {Outcome(healthy)} before it was healthy" : null;
            }
        }
    }

    private static string Outcome(ResourceSnapshot snapshot) => snapshot.State switch
    {
        KnownResourceStates.FailedToStart => "failed to start" + (snapshot.Message is { } m ? $" ({m})" : ""),
        _ => $"{snapshot.State.ToLowerInvariant()} with exit code {snapshot.ExitCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown"}",
    };
}
