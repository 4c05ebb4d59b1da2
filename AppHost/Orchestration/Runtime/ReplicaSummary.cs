namespace AppHost.Orchestration;

/// <summary>
/// The state of a replicated resource as a whole, so <c>WaitFor(api)</c> means every replica:
/// Running and Healthy only when all of them are.
/// </summary>
internal static class ReplicaSummary
{
    public static Func<ResourceSnapshot, ResourceSnapshot> Of(IReadOnlyList<ResourceSnapshot> replicas) => summary =>
    {
        var states = replicas.Select(r => r.State).Distinct().ToList();
        var state = states.Count == 1 ? states[0]
            : states.Contains(KnownResourceStates.FailedToStart) ? KnownResourceStates.FailedToStart
            : states.FirstOrDefault(s => s != KnownResourceStates.Running && !KnownResourceStates.IsTerminal(s))
              ?? KnownResourceStates.Running;
        HealthStatus? health = replicas.All(r => r.Health == HealthStatus.Healthy) ? HealthStatus.Healthy
            : replicas.Any(r => r.Health == HealthStatus.Unhealthy) || states.Count > 1 ? HealthStatus.Unhealthy
            : null;
        return summary with
        {
            State = state,
            Health = state == KnownResourceStates.Running ? health : null,
            ExitCode = replicas.Select(r => r.ExitCode).FirstOrDefault(c => c is not null),
            StartedAt = replicas.Min(r => r.StartedAt),
            StoppedAt = replicas.All(r => r.StoppedAt is not null) ? replicas.Max(r => r.StoppedAt) : null,
            Restarts = replicas.Sum(r => r.Restarts),
            Urls = [.. replicas.SelectMany(r => r.Urls)],
            Message = replicas.Select(r => r.Message).FirstOrDefault(m => m is not null),
        };
    };
}
