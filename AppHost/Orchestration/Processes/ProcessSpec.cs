namespace AppHost.Orchestration;

/// <summary>Everything needed to start one child process.</summary>
internal sealed record ProcessSpec(string FileName, IReadOnlyList<string> Args, string WorkingDirectory)
{
    public Dictionary<string, string> Environment { get; init; } = new(StringComparer.Ordinal);

    /// <summary>OS user to run as (PostgreSQL refuses root); null: the AppHost's own user.</summary>
    public string? RunAsUser { get; init; }

    /// <summary>The signal that asks the program to stop gracefully (PostgreSQL's fast shutdown is SIGINT).</summary>
    public PosixSignalNumber StopSignal { get; init; } = PosixSignalNumber.Terminate;
}
