using System.Diagnostics;
using AppHost.Orchestration.Telemetry;
using AppHost.Orchestration.Telemetry.Otlp;
using TelemetryBenchmark;

// OTLP ingestion figures of the dashboard (issue #7): decode + store rate, and the memory the store holds at its bound.
// Usage: dotnet run -c Release --project benchmarks/Telemetry [-- --batches 400]
var batches = args.Length > 1 && args[0] == "--batches" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 400;
const int SpansPerBatch = 512; // the OpenTelemetry .NET batch exporter's default batch size
var limits = new TelemetryLimits();
Console.WriteLine($"{Environment.ProcessorCount} cores; limits: {limits.MaxSpans} spans, {limits.MaxLogs} logs, {limits.MaxPointsPerSeries} points per series");

var traceBodies = Enumerable.Range(0, 16).Select(seed => OtlpBatches.Traces(SpansPerBatch, seed)).ToArray();
var logBodies = Enumerable.Range(0, 16).Select(seed => OtlpBatches.Logs(SpansPerBatch, seed)).ToArray();

Measure("spans", traceBodies, (store, body) => store.AddSpans(OtlpDecoder.Spans(ExportTraceServiceRequest.Parser.ParseFrom(body))));
Measure("log records", logBodies, (store, body) => store.AddLogs(OtlpDecoder.Logs(ExportLogsServiceRequest.Parser.ParseFrom(body))));
var metricBodies = Enumerable.Range(0, 16).Select(seed => OtlpBatches.Metrics(SpansPerBatch, seed)).ToArray();
Measure("metric points", metricBodies, (store, body) =>
{
    foreach (var (instrument, attributes, point) in OtlpDecoder.MetricPoints(ExportMetricsServiceRequest.Parser.ParseFrom(body)))
    {
        store.AddMetricPoint(instrument, attributes, point);
    }
});

var before = GC.GetTotalMemory(forceFullCollection: true);
var full = new TelemetryStore(limits);
for (var i = 0; i < limits.MaxSpans * 2 / SpansPerBatch; i++)
{
    full.AddSpans(OtlpDecoder.Spans(ExportTraceServiceRequest.Parser.ParseFrom(traceBodies[i % traceBodies.Length])));
    full.AddLogs(OtlpDecoder.Logs(ExportLogsServiceRequest.Parser.ParseFrom(logBodies[i % logBodies.Length])));
}

var instrument = new MetricInstrumentView("api", "Microsoft.AspNetCore.Hosting", "http.server.request.duration", "", "s", MetricKind.Histogram, 0);
for (var series = 0; series < limits.MaxSeriesPerInstrument; series++)
{
    for (var point = 0; point < limits.MaxPointsPerSeries * 2; point++)
    {
        full.AddMetricPoint(instrument, [new TelemetryTag("http.route", $"/route/{series}")], new MetricPoint(DateTimeOffset.UtcNow, point, (ulong)point));
    }
}

var after = GC.GetTotalMemory(forceFullCollection: true);
Console.WriteLine($"store at its bound ({full.SpanCount} spans, {full.LogCount} logs, {full.MetricPointCount} metric points): {(after - before) / 1024.0 / 1024.0:0.0} MB held");
GC.KeepAlive(full);

void Measure(string what, byte[][] bodies, Action<TelemetryStore, byte[]> ingest)
{
    var store = new TelemetryStore(limits);
    for (var i = 0; i < 20; i++)
    {
        ingest(store, bodies[i % bodies.Length]); // warm-up: JIT and a store already evicting
    }

    var clock = Stopwatch.StartNew();
    for (var i = 0; i < batches; i++)
    {
        ingest(store, bodies[i % bodies.Length]);
    }

    var rate = batches * SpansPerBatch / clock.Elapsed.TotalSeconds;
    Console.WriteLine($"{what}: {rate:N0}/s decoded from OTLP protobuf into the store ({batches} batches of {SpansPerBatch}, store kept at its bound)");
}
