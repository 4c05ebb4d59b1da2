namespace AppHost.Orchestration.Telemetry;

/// <summary>
/// What happened in one interval of a series: how much a sum grew (or a histogram's sum of recordings) and how many
/// recordings a histogram took, over how many seconds; and the value at its end, for gauges and up-down counters.
/// </summary>
public readonly record struct MetricStep(DateTimeOffset Time, double Seconds, double Increment, ulong Recordings, double Value);

/// <summary>
/// Turns a series' points into steps whichever temporality the exporter chose: a cumulative point is the total since
/// its start time, so a step is the difference from the point before (or the whole total after a restart, when the
/// start time moves); a delta point is already the step, over its own start to end.
/// </summary>
public static class MetricSteps
{
    public static IReadOnlyList<MetricStep> Of(MetricInstrumentView instrument, MetricSeriesView series)
    {
        List<MetricStep> steps = [];
        MetricPoint? previous = null;
        var total = 0.0;
        foreach (var point in series.Points)
        {
            if (instrument.Kind == MetricKind.Gauge)
            {
                steps.Add(new MetricStep(point.Time, 0, 0, 0, point.Value));
            }
            else if (instrument.Temporality == MetricTemporality.Delta)
            {
                total += point.Value;
                if ((Seconds(point.Start, point.Time) ?? Seconds(previous?.Time, point.Time)) is { } seconds)
                {
                    steps.Add(new MetricStep(point.Time, seconds, point.Value, point.Count, total));
                }
            }
            else if (previous is { } before && before.Start == point.Start)
            {
                if (Seconds(before.Time, point.Time) is { } seconds)
                {
                    steps.Add(new MetricStep(point.Time, seconds, Math.Max(0, point.Value - before.Value),
                        point.Count >= before.Count ? point.Count - before.Count : point.Count, point.Value));
                }
            }
            else if (Seconds(point.Start, point.Time) is { } sinceStart)
            {
                // The first point of a series, or the first after the process restarted: all of it is new.
                steps.Add(new MetricStep(point.Time, sinceStart, point.Value, point.Count, point.Value));
            }

            previous = point;
        }

        return steps;
    }

    /// <summary>The interval's length, or null when it is unknown or empty.</summary>
    private static double? Seconds(DateTimeOffset? from, DateTimeOffset to) =>
        from is { } start && start != default && to > start ? (to - start).TotalSeconds : null;
}
