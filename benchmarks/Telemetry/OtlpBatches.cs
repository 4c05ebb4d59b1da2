using AppHost.Orchestration.Telemetry.Otlp;
using Google.Protobuf;
using OtlpResource = AppHost.Orchestration.Telemetry.Otlp.Resource;

namespace TelemetryBenchmark;

/// <summary>Export requests shaped like the API's: an HTTP server span with a PostgreSQL client span per trace.</summary>
internal static class OtlpBatches
{
    public static byte[] Traces(int spans, int seed)
    {
        var scope = new ScopeSpans { Scope = new InstrumentationScope { Name = "Microsoft.AspNetCore" } };
        var start = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        for (var i = 0; i < spans; i += 2)
        {
            var traceId = Id(16, seed, i);
            var server = new Span
            {
                TraceId = traceId, SpanId = Id(8, seed, i), Name = "GET /api/organizations/{slug}", Kind = Span.Types.SpanKind.Server,
                StartTimeUnixNano = start, EndTimeUnixNano = start + 3_000_000,
            };
            server.Attributes.Add(Tag("http.request.method", "GET"));
            server.Attributes.Add(Tag("http.route", "/api/organizations/{slug}"));
            server.Attributes.Add(Tag("url.path", $"/api/organizations/org-{i}"));
            server.Attributes.Add(Tag("http.response.status_code", "200"));
            var sql = new Span
            {
                TraceId = traceId, SpanId = Id(8, seed, i + 1), ParentSpanId = server.SpanId, Name = "postgresql", Kind = Span.Types.SpanKind.Client,
                StartTimeUnixNano = start + 1_000_000, EndTimeUnixNano = start + 2_000_000,
            };
            sql.Attributes.Add(Tag("db.system.name", "postgresql"));
            sql.Attributes.Add(Tag("db.query.text", "SELECT o.name, o.slug FROM organization AS o WHERE o.slug = @slug LIMIT 2"));
            scope.Spans.Add(server);
            scope.Spans.Add(sql);
        }

        var request = new ExportTraceServiceRequest();
        request.ResourceSpans.Add(new ResourceSpans { Resource = Service("api"), ScopeSpans = { scope } });
        return request.ToByteArray();
    }

    public static byte[] Logs(int records, int seed)
    {
        var scope = new ScopeLogs { Scope = new InstrumentationScope { Name = "Api.Organizations" } };
        for (var i = 0; i < records; i++)
        {
            var record = new LogRecord
            {
                TimeUnixNano = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000, SeverityNumber = SeverityNumber.Info,
                Body = new AnyValue { StringValue = $"Organization org-{seed}-{i} read from the cache in 0.4 ms" },
                TraceId = Id(16, seed, i), SpanId = Id(8, seed, i),
            };
            record.Attributes.Add(Tag("Slug", $"org-{seed}-{i}"));
            scope.LogRecords.Add(record);
        }

        var request = new ExportLogsServiceRequest();
        request.ResourceLogs.Add(new ResourceLogs { Resource = Service("api"), ScopeLogs = { scope } });
        return request.ToByteArray();
    }

    /// <summary>The API's request-duration histogram and a request counter, one data point per route (50 routes).</summary>
    public static byte[] Metrics(int points, int seed)
    {
        var now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        var histogram = new Histogram { AggregationTemporality = AggregationTemporality.Cumulative };
        var counter = new Sum { AggregationTemporality = AggregationTemporality.Cumulative, IsMonotonic = true };
        for (var i = 0; i < points / 2; i++)
        {
            var route = Tag("http.route", $"/api/route/{i % 50}");
            var recorded = new HistogramDataPoint
            {
                StartTimeUnixNano = now - 60_000_000_000, TimeUnixNano = now + (ulong)seed, Count = (ulong)(i + seed), Sum = 0.004 * (i + seed),
                Attributes = { route, Tag("http.response.status_code", "200") },
            };
            histogram.DataPoints.Add(recorded);
            counter.DataPoints.Add(new NumberDataPoint
            {
                StartTimeUnixNano = now - 60_000_000_000, TimeUnixNano = now + (ulong)seed, AsInt = i + seed, Attributes = { route },
            });
        }

        var scope = new ScopeMetrics { Scope = new InstrumentationScope { Name = "Microsoft.AspNetCore.Hosting" } };
        scope.Metrics.Add(new Metric { Name = "http.server.request.duration", Unit = "s", Histogram = histogram });
        scope.Metrics.Add(new Metric { Name = "http.server.requests", Unit = "{request}", Sum = counter });
        var request = new ExportMetricsServiceRequest();
        request.ResourceMetrics.Add(new ResourceMetrics { Resource = Service("api"), ScopeMetrics = { scope } });
        return request.ToByteArray();
    }

    private static OtlpResource Service(string name) => new() { Attributes = { Tag("service.name", name), Tag("service.instance.id", $"{name}-1") } };

    private static KeyValue Tag(string key, string value) => new() { Key = key, Value = new AnyValue { StringValue = value } };

    private static ByteString Id(int length, int seed, int i)
    {
        var bytes = new byte[length];
        BitConverter.TryWriteBytes(bytes, i);
        BitConverter.TryWriteBytes(bytes.AsSpan(4), seed);
        return ByteString.CopyFrom(bytes);
    }
}
