namespace AppHost.Orchestration;

/// <summary>
/// The state of a replicated resource as a whole. While it starts, it is only as far as its slowest replica, so
/// <c>WaitFor(api)</c> means every replica: Running and Healthy only when all of them are. Once up, replicas the
/// user stops or restarts one by one do not take the resource down with them: it stays Running while any replica
/// runs, and its message says how many do.
/// </summary>
internal static class ReplicaSummary
{
    public static Func<ResourceSnapshot, ResourceSnapshot> Of(IReadOnlyList<ResourceSnapshot> replicas) => summary =>
    {
        var state = StateOf(replicas);
        var running = replicas.Count(r => r.State == KnownResourceStates.Running);
        var allEnded = replicas.All(r => r.IsTerminal);
        return summary with
        {
            State = state,
            Health = state == KnownResourceStates.Running ? HealthOf(replicas) : null,
            // A code only once every replica has ended: a replica stopped on its own says nothing of the others.
            ExitCode = allEnded ? replicas.Select(r => r.ExitCode).FirstOrDefault(c => c is not (null or 0)) ?? replicas[0].ExitCode : null,
            StartedAt = replicas.Min(r => r.StartedAt),
            StoppedAt = allEnded ? replicas.Max(r => r.StoppedAt) : null,
            Restarts = replicas.Sum(r => r.Restarts),
            Urls = [.. replicas.SelectMany(r => r.Urls)],
            Message = replicas.Select(r => r.Message).FirstOrDefault(m => m is not null)
                ?? (state == KnownResourceStates.Running && running < replicas.Count ? $"{running} of {replicas.Count} replicas running" : null),
        };
    };

    private static string StateOf(IReadOnlyList<ResourceSnapshot> replicas)
    {
        var states = replicas.Select(r => r.State).Distinct().ToList();
        if (states.Count == 1)
        {
            return states[0];
        }

        if (states.Contains(KnownResourceStates.FailedToStart))
        {
            return KnownResourceStates.FailedToStart;
        }

        // Still coming up (or waiting): the resource is not up until every replica is.
        if (states.FirstOrDefault(s => s is KnownResourceStates.NotStarted or KnownResourceStates.Waiting or KnownResourceStates.Starting) is { } starting)
        {
            return starting;
        }

        if (states.Contains(KnownResourceStates.Running))
        {
            return KnownResourceStates.Running;
        }

        // Every replica stopping or ended: the resource is stopping until the last one has ended.
        return states.Contains(KnownResourceStates.Stopping) ? KnownResourceStates.Stopping
            : states.Contains(KnownResourceStates.Exited) ? KnownResourceStates.Exited
            : KnownResourceStates.Finished;
    }

    /// <summary>
    /// Healthy when every running replica is; unknown until all have answered; Unhealthy when one is, or one crashed
    /// (a replica stopped on request exits with 0).
    /// </summary>
    private static HealthStatus? HealthOf(IReadOnlyList<ResourceSnapshot> replicas)
    {
        var running = replicas.Where(r => r.State == KnownResourceStates.Running).ToList();
        return running.Any(r => r.Health == HealthStatus.Unhealthy) || replicas.Any(r => r.State == KnownResourceStates.Exited && r.ExitCode is not (null or 0))
            ? HealthStatus.Unhealthy
            : running.All(r => r.Health == HealthStatus.Healthy) ? HealthStatus.Healthy
            : null;
    }
}
