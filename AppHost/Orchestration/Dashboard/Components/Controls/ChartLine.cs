using AppHost.Orchestration.Telemetry;

namespace AppHost.Orchestration.Dashboard.Components.Controls;

/// <summary>One line to draw: points over time with what they mean.</summary>
public sealed record ChartLine(string Title, string Unit, IReadOnlyList<(DateTimeOffset Time, double Value)> Points)
{
    /// <summary>
    /// What an instrument's series say over time, added up across attribute values and replicas: a counter as its
    /// rate per second, a histogram as its mean and its rate of recordings, a gauge or up-down counter as it is. Each
    /// series becomes steps first (<see cref="MetricSteps"/>: cumulative or delta, as the exporter sent it), then the
    /// series are added up per second.
    /// </summary>
    public static IReadOnlyList<ChartLine> For(MetricInstrumentView instrument, IReadOnlyList<MetricSeriesView> series)
    {
        var steps = series.SelectMany(s => MetricSteps.Of(instrument, s))
            .GroupBy(s => Second(s.Time))
            .OrderBy(g => g.Key)
            .ToList();
        return instrument.Kind switch
        {
            MetricKind.Counter => [new ChartLine($"{instrument.Name} per second", $"{instrument.Unit}/s", [.. steps.Select(g => (g.Key, g.Sum(s => s.Increment / s.Seconds)))])],
            MetricKind.Histogram =>
            [
                new ChartLine($"{instrument.Name} mean", instrument.Unit, [.. steps.Select(g => (g.Key, g.Sum(s => (double)s.Recordings) is > 0 and var n ? g.Sum(s => s.Increment) / n : 0))]),
                new ChartLine($"{instrument.Name} recordings per second", "/s", [.. steps.Select(g => (g.Key, g.Sum(s => s.Recordings / s.Seconds)))]),
            ],
            _ => [new ChartLine(instrument.Name, instrument.Unit, [.. steps.Select(g => (g.Key, g.Sum(s => s.Value)))])],
        };
    }

    private static DateTimeOffset Second(DateTimeOffset time) => new(time.Ticks - time.Ticks % TimeSpan.TicksPerSecond, time.Offset);
}
