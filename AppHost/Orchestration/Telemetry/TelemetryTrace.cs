namespace AppHost.Orchestration.Telemetry;

/// <summary>A trace summarised for the list: its root (or earliest) span, extent and the services it crossed.</summary>
public sealed record TelemetryTrace(string TraceId, string Name, string Resource, DateTimeOffset Start, TimeSpan Duration, int SpanCount, int ErrorCount, IReadOnlyList<string> Resources)
{
    public static TelemetryTrace Of(string traceId, IReadOnlyList<TelemetrySpan> spans)
    {
        var ids = spans.Select(s => s.SpanId).ToHashSet(StringComparer.Ordinal);
        var root = spans.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId)).MinBy(s => s.Start) ?? spans.MinBy(s => s.Start)!;
        var start = spans.Min(s => s.Start);
        var end = spans.Max(s => s.End);
        return new TelemetryTrace(
            traceId, root.Name, root.Resource, start, end - start, spans.Count, spans.Count(s => s.Status == SpanStatus.Error),
            [.. spans.Select(s => s.Resource).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)]);
    }
}
