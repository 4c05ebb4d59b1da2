using AppHost.Orchestration.Telemetry;

namespace AppHost.Orchestration.Dashboard.Components.Controls;

/// <summary>One line to draw: points over time with what they mean.</summary>
public sealed record ChartLine(string Title, string Unit, IReadOnlyList<(DateTimeOffset Time, double Value)> Points)
{
    /// <summary>
    /// What an instrument's series say over time, added up across attribute values and replicas: a counter as its
    /// rate per second, a histogram as its mean and its rate of recordings, a gauge as it is. Exporters send
    /// cumulative values (the .NET default), so each series is differenced between its own consecutive points first,
    /// then the series are added up per second.
    /// </summary>
    public static IReadOnlyList<ChartLine> For(MetricInstrumentView instrument, IReadOnlyList<MetricSeriesView> series)
    {
        var steps = series.SelectMany(s => s.Points.Zip(s.Points.Skip(1))
                .Where(p => p.Second.Time > p.First.Time)
                .Select(p => new Step(
                    Second(p.Second.Time),
                    p.Second.Value,
                    Math.Max(0, p.Second.Value - p.First.Value),
                    p.Second.Count >= p.First.Count ? p.Second.Count - p.First.Count : 0,
                    (p.Second.Time - p.First.Time).TotalSeconds)))
            .GroupBy(s => s.Time)
            .OrderBy(g => g.Key)
            .ToList();
        return instrument.Kind switch
        {
            MetricKind.Counter => [new ChartLine($"{instrument.Name} per second", $"{instrument.Unit}/s", [.. steps.Select(g => (g.Key, g.Sum(s => s.Delta / s.Seconds)))])],
            MetricKind.Histogram =>
            [
                new ChartLine($"{instrument.Name} mean", instrument.Unit, [.. steps.Select(g => (g.Key, g.Sum(s => (double)s.Recordings) is > 0 and var n ? g.Sum(s => s.Delta) / n : 0))]),
                new ChartLine($"{instrument.Name} recordings per second", "/s", [.. steps.Select(g => (g.Key, g.Sum(s => s.Recordings / s.Seconds)))]),
            ],
            _ => [new ChartLine(instrument.Name, instrument.Unit, [.. steps.Select(g => (g.Key, g.Sum(s => s.Value)))])],
        };
    }

    private static DateTimeOffset Second(DateTimeOffset time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, time.Offset);

    private readonly record struct Step(DateTimeOffset Time, double Value, double Delta, ulong Recordings, double Seconds);
}
