namespace AppHost.Orchestration.Telemetry;

/// <summary>
/// One structured log record; <see cref="Id"/> grows with arrival, so readers can page and resume.
/// <see cref="Instance"/> is the sender's <c>service.instance.id</c>, which tells replicas of one service apart.
/// </summary>
public sealed record TelemetryLog(
    long Id,
    string Resource,
    DateTimeOffset Timestamp,
    LogSeverity Severity,
    string Category,
    string Message,
    string? TraceId,
    string? SpanId,
    IReadOnlyList<TelemetryTag> Attributes,
    string? Instance = null);

/// <summary>The six OTLP severity ranges (1-4 Trace ... 21-24 Fatal).</summary>
public enum LogSeverity
{
    Trace,
    Debug,
    Information,
    Warning,
    Error,
    Critical,
}
