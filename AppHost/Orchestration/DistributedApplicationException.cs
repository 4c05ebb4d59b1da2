namespace AppHost.Orchestration;

/// <summary>A problem the user can fix (missing PostgreSQL, bad configuration): printed as one line, no stack trace.</summary>
public sealed class DistributedApplicationException(string message, Exception? inner = null) : Exception(message, inner);
