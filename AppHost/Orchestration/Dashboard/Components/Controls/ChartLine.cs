using AppHost.Orchestration.Telemetry;

namespace AppHost.Orchestration.Dashboard.Components.Controls;

/// <summary>One line to draw: points over time with what they mean.</summary>
public sealed record ChartLine(string Title, string Unit, IReadOnlyList<(DateTimeOffset Time, double Value)> Points)
{
    /// <summary>
    /// What an instrument's series say over time, added up across attribute values: a counter as its rate per
    /// second, a histogram as its mean and its rate of recordings, a gauge as it is. Exporters send cumulative values
    /// (the .NET default), so rates and means are taken between consecutive points.
    /// </summary>
    public static IReadOnlyList<ChartLine> For(MetricInstrumentView instrument, IReadOnlyList<MetricSeriesView> series)
    {
        var totals = series.SelectMany(s => s.Points)
            .GroupBy(p => p.Time)
            .OrderBy(g => g.Key)
            .Select(g => new MetricPoint(g.Key, g.Sum(p => p.Value), (ulong)g.Sum(p => (decimal)p.Count)))
            .ToList();
        return instrument.Kind switch
        {
            MetricKind.Counter => [new ChartLine($"{instrument.Name} per second", $"{instrument.Unit}/s", Between(totals, (a, b, seconds) => Math.Max(0, b.Value - a.Value) / seconds))],
            MetricKind.Histogram =>
            [
                new ChartLine($"{instrument.Name} mean", instrument.Unit, Between(totals, (a, b, _) => b.Count > a.Count ? (b.Value - a.Value) / (b.Count - a.Count) : 0)),
                new ChartLine($"{instrument.Name} recordings per second", "/s", Between(totals, (a, b, seconds) => b.Count >= a.Count ? (b.Count - a.Count) / seconds : 0)),
            ],
            _ => [new ChartLine(instrument.Name, instrument.Unit, [.. totals.Select(p => (p.Time, p.Value))])],
        };
    }

    private static List<(DateTimeOffset, double)> Between(List<MetricPoint> points, Func<MetricPoint, MetricPoint, double, double> value) =>
        [.. points.Zip(points.Skip(1)).Where(p => p.Second.Time > p.First.Time)
            .Select(p => (p.Second.Time, value(p.First, p.Second, (p.Second.Time - p.First.Time).TotalSeconds)))];
}
