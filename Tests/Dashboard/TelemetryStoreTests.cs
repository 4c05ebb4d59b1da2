using AppHost.Orchestration.Telemetry;

namespace Tests.Dashboard;

/// <summary>The store keeps the newest telemetry up to its limits, so a long session cannot grow memory without end.</summary>
public sealed class TelemetryStoreTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void SpansBeyondTheLimitEvictTheOldestAndTracesLeftEmptyDisappear()
    {
        var store = new TelemetryStore(new TelemetryLimits { MaxSpans = 10 });

        for (var trace = 0; trace < 6; trace++)
        {
            store.AddSpans([Span($"t{trace}", "root", null, trace), Span($"t{trace}", "child", "root", trace)]);
        }

        Assert.Equal(10, store.SpanCount);
        Assert.Empty(store.GetTrace("t0"));
        Assert.Equal(2, store.GetTrace("t5").Count);
        Assert.Equal(["t5", "t4", "t3", "t2", "t1"], store.GetTraces().Select(t => t.TraceId));
    }

    [Fact]
    public void LogsAndMetricPointsStayWithinTheirLimits()
    {
        var store = new TelemetryStore(new TelemetryLimits { MaxLogs = 3, MaxPointsPerSeries = 4, MaxSeriesPerInstrument = 2 });
        var instrument = new MetricInstrumentView("api", "scope", "requests", "", "{request}", MetricKind.Counter, 0);

        for (var i = 0; i < 5; i++)
        {
            store.AddLogs([new TelemetryLog(0, "api", Start.AddSeconds(i), LogSeverity.Information, "c", $"line {i}", null, null, [])]);
            store.AddMetricPoint(instrument, [new TelemetryTag("route", "/a")], new MetricPoint(Start.AddSeconds(i), i, 0));
            store.AddMetricPoint(instrument, [new TelemetryTag("route", $"/other{i}")], new MetricPoint(Start.AddSeconds(i), i, 0));
        }

        Assert.Equal(["line 4", "line 3", "line 2"], store.GetLogs().Select(l => l.Message));
        Assert.Equal(2, store.GetSeries("api", "requests").Count);
        Assert.Equal([1.0, 2, 3, 4], store.GetSeries("api", "requests").Single(s => s.Attributes[0].Value == "/a").Points.Select(p => p.Value));
    }

    [Fact]
    public void ACumulativeSeriesThatRestartsCountsItsNewTotalNotANegativeStep()
    {
        var counter = new MetricInstrumentView("api", "scope", "requests", "", "{request}", MetricKind.Counter, 1);
        var restartedAt = Start.AddSeconds(20);
        MetricSeriesView series = new([], [
            new MetricPoint(Start.AddSeconds(10), 10, 0, Start),
            new MetricPoint(Start.AddSeconds(15), 16, 0, Start),
            new MetricPoint(Start.AddSeconds(22), 4, 0, restartedAt),
        ]);

        var steps = MetricSteps.Of(counter, series);

        Assert.Equal([10.0, 6, 4], steps.Select(s => s.Increment));
        Assert.Equal([10.0, 5, 2], steps.Select(s => s.Seconds));
    }

    private static TelemetrySpan Span(string trace, string id, string? parent, int second) =>
        new("api", trace, $"{trace}-{id}", parent is null ? null : $"{trace}-{parent}", id, "Server", "s",
            Start.AddSeconds(second), Start.AddSeconds(second + 1), SpanStatus.Unset, null, []);
}
