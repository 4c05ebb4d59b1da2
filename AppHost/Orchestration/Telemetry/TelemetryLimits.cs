namespace AppHost.Orchestration.Telemetry;

/// <summary>How much telemetry the dashboard keeps: the oldest goes first, so memory stays bounded in a long session.</summary>
public sealed class TelemetryLimits
{
    /// <summary>Spans kept across all traces; a trace whose spans are all evicted disappears.</summary>
    public int MaxSpans { get; set; } = 20_000;

    /// <summary>Structured log records kept across all resources.</summary>
    public int MaxLogs { get; set; } = 20_000;

    /// <summary>Points kept per metric series (one instrument, one set of attribute values).</summary>
    public int MaxPointsPerSeries { get; set; } = 300;

    /// <summary>Series kept per instrument: attribute values beyond this many are dropped, not stored.</summary>
    public int MaxSeriesPerInstrument { get; set; } = 50;

    /// <summary>Instruments kept across all resources.</summary>
    public int MaxInstruments { get; set; } = 1_000;
}
