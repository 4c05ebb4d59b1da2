namespace AppHost.Orchestration;

/// <summary>Aspire's resource states.</summary>
public static class KnownResourceStates
{
    public const string NotStarted = "NotStarted";
    public const string Waiting = "Waiting";
    public const string Starting = "Starting";
    public const string Running = "Running";
    public const string RuntimeUnhealthy = "RuntimeUnhealthy";
    public const string Stopping = "Stopping";
    public const string Exited = "Exited";
    public const string Finished = "Finished";
    public const string FailedToStart = "FailedToStart";

    public static bool IsTerminal(string state) => state is Finished or Exited or FailedToStart;
}

/// <summary>Health, separate from state: unknown (null) until the resource runs.</summary>
public enum HealthStatus
{
    Unhealthy,
    Healthy,
}
