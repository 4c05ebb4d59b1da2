namespace AppHost.Orchestration;

/// <summary>What the dashboard can ask of a process-backed resource.</summary>
public enum ResourceCommand
{
    Stop,
    Start,
    Restart,
}
