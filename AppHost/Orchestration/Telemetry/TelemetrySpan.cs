namespace AppHost.Orchestration.Telemetry;

/// <summary>One span as the dashboard shows it: ids as lower-case hex, times in UTC.</summary>
public sealed record TelemetrySpan(
    string Resource,
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    string Kind,
    string Scope,
    DateTimeOffset Start,
    DateTimeOffset End,
    SpanStatus Status,
    string? StatusMessage,
    IReadOnlyList<TelemetryTag> Attributes,
    string? Instance = null)
{
    public TimeSpan Duration => End - Start;

    public string? Attribute(string key) => Attributes.FirstOrDefault(a => a.Key == key)?.Value;
}

public enum SpanStatus
{
    Unset,
    Ok,
    Error,
}
