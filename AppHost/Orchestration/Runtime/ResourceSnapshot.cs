namespace AppHost.Orchestration;

/// <summary>What is known of one resource (or one replica) at a moment: published on every change.</summary>
public sealed record ResourceSnapshot
{
    public required string Name { get; init; }

    public required string ResourceType { get; init; }

    /// <summary>For a replica, the name of the resource it is a replica of.</summary>
    public string? ReplicaOf { get; init; }

    public string State { get; init; } = KnownResourceStates.NotStarted;

    public HealthStatus? Health { get; init; }

    /// <summary>Started only on request (<c>WithExplicitStart</c>): NotStarted counts as settled.</summary>
    public bool ExplicitStart { get; init; }

    public int? ExitCode { get; init; }

    public int? ProcessId { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? StoppedAt { get; init; }

    public int Restarts { get; init; }

    public IReadOnlyList<string> Urls { get; init; } = [];

    public string? ConnectionString { get; init; }

    /// <summary>Why the resource failed or what it is waiting for, in one line.</summary>
    public string? Message { get; init; }

    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public bool IsTerminal => KnownResourceStates.IsTerminal(State);

    /// <summary>An explicit-start resource nobody has started yet.</summary>
    public bool AwaitsExplicitStart => ExplicitStart && State == KnownResourceStates.NotStarted;
}
