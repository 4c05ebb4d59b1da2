namespace AppHost.Orchestration;

/// <summary>How one kind of process-backed resource is prepared, launched and health-checked.</summary>
internal interface IProcessLauncher
{
    /// <summary>Once, before the first process starts: find binaries, create data folders. Throws <see cref="DistributedApplicationException"/>.</summary>
    Task PrepareAsync(CancellationToken cancellationToken);

    /// <summary>The command line and environment of one replica.</summary>
    ProcessSpec CreateSpec(int replica);

    /// <summary>URLs the replica serves, for the resources API.</summary>
    IReadOnlyList<string> UrlsOf(int replica);

    /// <summary>Whether a replica is healthy; null when the resource has no health check (Running means Healthy).</summary>
    IHealthProbe? HealthProbe { get; }
}

internal interface IHealthProbe
{
    /// <summary>Returns null when healthy, else the reason; throws <see cref="DistributedApplicationException"/> for a problem that will not heal.</summary>
    Task<string?> CheckAsync(int replica, CancellationToken cancellationToken);
}
