using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Headers;
using AppHost.Orchestration.Dashboard.Components.Controls;
using AppHost.Orchestration.Telemetry;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Tests.Infrastructure;

namespace Tests.Dashboard;

/// <summary>The real OpenTelemetry exporter sends to the AppHost's OTLP/HTTP endpoint; what it sent is in the store.</summary>
public sealed class OtlpIngestionTests(SharedApp shared)
{
    private DistributedApplication App => shared.App;

    [Fact]
    public async Task SpansFromTheRealExporterFormOneTraceWithParentAndAttributes()
    {
        var service = $"otlp-test-{Guid.NewGuid():N}"[..20];
        using var source = new ActivitySource(service);
        using (var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(service))
            .AddSource(service)
            .AddOtlpExporter(o => OtlpTestExporters.Configure(o, App, "traces"))
            .Build())
        {
            using (var parent = source.StartActivity("GET /orders", ActivityKind.Server))
            {
                parent!.SetTag("http.route", "/orders");
                using var child = source.StartActivity("SELECT orders", ActivityKind.Client);
                child!.SetTag("db.query.text", "SELECT * FROM orders");
            }

            tracing.ForceFlush();
        }

        var trace = await OtlpTestExporters.EventuallyAsync(() => OtlpTestExporters.FirstOf(App.Telemetry.GetTraces(resource: service)));
        var spans = App.Telemetry.GetTrace(trace.TraceId);

        Assert.Equal("GET /orders", trace.Name);
        Assert.Equal(2, trace.SpanCount);
        Assert.Equal("Server", spans[0].Kind);
        Assert.Equal("/orders", spans[0].Attribute("http.route"));
        Assert.Equal(spans[0].SpanId, spans[1].ParentSpanId);
        Assert.Equal("SELECT * FROM orders", spans[1].Attribute("db.query.text"));
        Assert.True(trace.Duration >= spans[1].Duration);
    }

    [Fact]
    public async Task LogsFromTheRealExporterCanBeFoundByTextWithLevelAttributesAndTrace()
    {
        var service = $"otlp-log-{Guid.NewGuid():N}"[..20];
        var marker = Guid.NewGuid().ToString("N");
        using var source = new ActivitySource(service);
        using var listener = new ActivityListener { ShouldListenTo = s => s.Name == service, Sample = (ref _) => ActivitySamplingResult.AllData };
        ActivitySource.AddActivityListener(listener);
        string traceId;
        using (var factory = LoggerFactory.Create(logging => logging.AddOpenTelemetry(o =>
        {
            o.SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(service));
            o.AddOtlpExporter(e => OtlpTestExporters.Configure(e, App, "logs"));
        })))
        {
            using var activity = source.StartActivity("work");
            traceId = activity!.TraceId.ToHexString();
#pragma warning disable CA1848 // The plain logging call services make, not a source-generated one.
            factory.CreateLogger("Orders.Checkout").LogWarning("Order {OrderId} is late ({Marker})", 42, marker);
#pragma warning restore CA1848
        }

        var log = await OtlpTestExporters.EventuallyAsync(() => OtlpTestExporters.FirstOf(App.Telemetry.GetLogs(text: marker)));

        Assert.Equal(service, log.Resource);
        Assert.Equal(LogSeverity.Warning, log.Severity);
        Assert.Equal("Orders.Checkout", log.Category);
        Assert.Equal($"Order 42 is late ({marker})", log.Message);
        Assert.Contains(log.Attributes, a => a is { Key: "OrderId", Value: "42" });
        Assert.Equal(traceId, log.TraceId);
        Assert.Empty(App.Telemetry.GetLogs(resource: service, minimum: LogSeverity.Error));
    }

    [Theory]
    [InlineData(MetricReaderTemporalityPreference.Cumulative, MetricTemporality.Cumulative)]
    [InlineData(MetricReaderTemporalityPreference.Delta, MetricTemporality.Delta)]
    public async Task CountsAndRatesAreTheSameWhicheverTemporalityTheExporterSends(MetricReaderTemporalityPreference preference, MetricTemporality sent)
    {
        var service = $"otlp-tmp-{Guid.NewGuid():N}"[..20];
        using var meter = new Meter(service);
        var counter = meter.CreateCounter<long>("orders.placed", unit: "{order}");
        var duration = meter.CreateHistogram<double>("orders.duration", unit: "s");
        using (var metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(ResourceBuilder.CreateDefault().AddService(service))
            .AddMeter(service)
            .AddOtlpExporter((exporter, reader) =>
            {
                OtlpTestExporters.Configure(exporter, App, "metrics");
                reader.TemporalityPreference = preference;
            })
            .Build())
        {
            counter.Add(3);
            duration.Record(0.5);
            duration.Record(1.5);
            metrics.ForceFlush();
            // Two exports a measurable time apart, as the periodic reader makes them.
            await Task.Delay(50, TestContext.Current.CancellationToken);
            counter.Add(2);
            duration.Record(3.0);
            metrics.ForceFlush();
        }

        var placed = await StepsAsync(service, "orders.placed");
        var durations = await StepsAsync(service, "orders.duration");

        var instruments = App.Telemetry.GetInstruments(service);
        Assert.Equal(["orders.duration", "orders.placed"], instruments.Select(i => i.Name));
        Assert.Equal([MetricKind.Histogram, MetricKind.Counter], instruments.Select(i => i.Kind));
        Assert.Equal("{order}", instruments[1].Unit);
        Assert.All(instruments, i => Assert.Equal(sent, i.Temporality));
        // A cumulative exporter repeats its total when the provider shuts down: a third step of nothing new.
        Assert.Equal([3.0, 2.0], placed.Take(2).Select(s => s.Increment));
        Assert.Equal(5.0, placed.Sum(s => s.Increment));
        Assert.Equal([2.0, 3.0], durations.Take(2).Select(s => s.Increment));
        Assert.Equal([2UL, 1UL], durations.Take(2).Select(s => s.Recordings));
        Assert.All(placed.Concat(durations), s => Assert.InRange(s.Seconds, 1e-6, 60));
        // The chart draws the counter as a rate, never negative, whichever way the points came.
        var rate = ChartLine.For(instruments[1], App.Telemetry.GetSeries(service, "orders.placed")).Single();
        Assert.Equal("orders.placed per second", rate.Title);
        Assert.All(rate.Points, p => Assert.True(p.Value >= 0));
        Assert.True(rate.Points.Sum(p => p.Value) > 0);
    }

    private async Task<IReadOnlyList<MetricStep>> StepsAsync(string service, string instrument)
    {
        var series = await OtlpTestExporters.EventuallyAsync(() => App.Telemetry.GetSeries(service, instrument).FirstOrDefault(s => s.Points.Count >= 2));
        return MetricSteps.Of(App.Telemetry.GetInstruments(service).Single(i => i.Name == instrument), series);
    }

    [Fact]
    public async Task SpansLogsAndMetricsFromTheRealExporterOverGrpcReachTheStore()
    {
        var service = $"otlp-grpc-{Guid.NewGuid():N}"[..20];
        var marker = Guid.NewGuid().ToString("N");
        var resource = ResourceBuilder.CreateDefault().AddService(service);
        using var source = new ActivitySource(service);
        using var meter = new Meter(service);
        using (var tracing = Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource).AddSource(service)
            .AddOtlpExporter(o => OtlpTestExporters.ConfigureGrpc(o, App)).Build())
        using (var metrics = Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource).AddMeter(service)
            .AddOtlpExporter(o => OtlpTestExporters.ConfigureGrpc(o, App)).Build())
        using (var logging = LoggerFactory.Create(l => l.AddOpenTelemetry(o =>
        {
            o.SetResourceBuilder(resource);
            o.AddOtlpExporter(e => OtlpTestExporters.ConfigureGrpc(e, App));
        })))
        {
            using (var span = source.StartActivity("GET /over-grpc", ActivityKind.Server))
            {
                span!.SetTag("http.route", "/over-grpc");
            }

            meter.CreateCounter<long>("grpc.orders").Add(7);
#pragma warning disable CA1848, CA1873 // The plain logging call services make, not a source-generated one.
            logging.CreateLogger("Orders").LogInformation("Sent over gRPC {Marker}", marker);
#pragma warning restore CA1848, CA1873
            tracing.ForceFlush();
            metrics.ForceFlush();
        }

        var trace = await OtlpTestExporters.EventuallyAsync(() => OtlpTestExporters.FirstOf(App.Telemetry.GetTraces(resource: service)));
        var log = await OtlpTestExporters.EventuallyAsync(() => OtlpTestExporters.FirstOf(App.Telemetry.GetLogs(resource: service, text: marker)));
        var counted = await OtlpTestExporters.EventuallyAsync(() => OtlpTestExporters.FirstOf(App.Telemetry.GetSeries(service, "grpc.orders")));

        Assert.Equal("GET /over-grpc", trace.Name);
        Assert.Equal("/over-grpc", App.Telemetry.GetTrace(trace.TraceId)[0].Attribute("http.route"));
        Assert.Equal($"Sent over gRPC {marker}", log.Message);
        Assert.Equal(7.0, counted.Points[^1].Value);
    }

    [Fact]
    public async Task AGrpcCallWithoutTheKeyIsUnauthenticated()
    {
        using var client = new HttpClient();
        // A gRPC frame (not compressed, length 0): an empty ExportTraceServiceRequest.
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{App.OtlpGrpcUrl}/opentelemetry.proto.collector.trace.v1.TraceService/Export")
        {
            Content = new ByteArrayContent([0, 0, 0, 0, 0]),
            // HTTP/2 without TLS: spoken from the first byte (prior knowledge), as gRPC clients do.
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.Add("x-otlp-api-key", "wrong");
        request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));

        using var response = await client.SendAsync(request, TestContext.Current.CancellationToken);
        await response.Content.ReadAsByteArrayAsync(TestContext.Current.CancellationToken);
        var headers = response.Headers.Concat(response.TrailingHeaders).ToDictionary(h => h.Key, h => string.Join(",", h.Value));
        Assert.True(headers.ContainsKey("grpc-status"), $"{(int)response.StatusCode} {string.Join("; ", headers.Select(h => $"{h.Key}={h.Value}"))}");

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("16", headers["grpc-status"]); // UNAUTHENTICATED
        Assert.Contains("x-otlp-api-key", Uri.UnescapeDataString(headers["grpc-message"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IntakeRefusesAWrongKeyJsonAndGarbageWithOneClearProblem()
    {
        using var client = new HttpClient { BaseAddress = new Uri(App.DashboardUrl) };
        var key = App.ResourceNotifications.TryGet("migrations")!.Environment["OTEL_EXPORTER_OTLP_HEADERS"].Split('=')[1];

        using var wrongKey = await PostAsync(client, "wrong", "application/x-protobuf", [1, 2, 3]);
        using var json = await PostAsync(client, key, "application/json", "{}"u8.ToArray());
        using var garbage = await PostAsync(client, key, "application/x-protobuf", [0xFF, 0xFF, 0xFF, 0xFF]);

        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, json.StatusCode);
        Assert.Contains("http/protobuf", await json.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
    }

    [Fact]
    public async Task ARequestToTheApiArrivesAsATraceWithItsSqlSpan()
    {
        // A slug nobody has: the cached handle misses, so the query reaches PostgreSQL.
        var slug = $"no-such-org-{Guid.NewGuid():N}"[..30];
        using var api = App.CreateHttpClient("api");
        using var response = await api.GetAsync($"/api/organizations/{slug}", TestContext.Current.CancellationToken);

        var trace = await OtlpTestExporters.EventuallyAsync(() => App.Telemetry.GetTraces(resource: "api")
            .Where(t => App.Telemetry.GetTrace(t.TraceId).Any(s => s.Attribute("url.path") == $"/api/organizations/{slug}"))
            .FirstOrDefault(t => App.Telemetry.GetTrace(t.TraceId).Any(s => s.Attribute("db.query.text") is not null || s.Attribute("db.statement") is not null)));
        var spans = App.Telemetry.GetTrace(trace.TraceId);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("404", spans.First(s => s.Kind == "Server").Attribute("http.response.status_code"));
        Assert.Contains("organization", spans.First(s => s.Kind == "Client").Attribute("db.query.text") ?? spans.First(s => s.Kind == "Client").Attribute("db.statement"), StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string key, string contentType, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/traces") { Content = content };
        request.Headers.Add("x-otlp-api-key", key);
        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
