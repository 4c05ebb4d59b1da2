using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Collections;
using AppHost.Orchestration.Telemetry.Otlp;
using OtlpResource = AppHost.Orchestration.Telemetry.Otlp.Resource;

namespace AppHost.Orchestration.Telemetry;

/// <summary>Turns OTLP export requests into the store's records: resource named by <c>service.name</c>, ids as hex, times as UTC.</summary>
public static class OtlpDecoder
{
    public static IEnumerable<TelemetrySpan> Spans(ExportTraceServiceRequest request) =>
        from resourceSpans in request.ResourceSpans
        let resource = ServiceName(resourceSpans.Resource)
        let instance = InstanceId(resourceSpans.Resource)
        from scopeSpans in resourceSpans.ScopeSpans
        from span in scopeSpans.Spans
        select new TelemetrySpan(
            resource,
            Hex(span.TraceId),
            Hex(span.SpanId),
            span.ParentSpanId.IsEmpty ? null : Hex(span.ParentSpanId),
            span.Name,
            KindName(span.Kind),
            scopeSpans.Scope?.Name ?? "",
            Time(span.StartTimeUnixNano),
            Time(span.EndTimeUnixNano),
            span.Status?.Code switch
            {
                Status.Types.StatusCode.Ok => SpanStatus.Ok,
                Status.Types.StatusCode.Error => SpanStatus.Error,
                _ => SpanStatus.Unset,
            },
            string.IsNullOrEmpty(span.Status?.Message) ? null : span.Status.Message,
            Attributes(span.Attributes),
            instance);

    public static IEnumerable<TelemetryLog> Logs(ExportLogsServiceRequest request) =>
        from resourceLogs in request.ResourceLogs
        let resource = ServiceName(resourceLogs.Resource)
        let instance = InstanceId(resourceLogs.Resource)
        from scopeLogs in resourceLogs.ScopeLogs
        from record in scopeLogs.LogRecords
        let attributes = Attributes(record.Attributes)
        select new TelemetryLog(
            0,
            resource,
            Time(record.TimeUnixNano != 0 ? record.TimeUnixNano : record.ObservedTimeUnixNano),
            Severity(record.SeverityNumber),
            scopeLogs.Scope?.Name ?? "",
            Message(record.Body, attributes),
            record.TraceId.IsEmpty ? null : Hex(record.TraceId),
            record.SpanId.IsEmpty ? null : Hex(record.SpanId),
            [.. attributes.Where(a => a.Key != "{OriginalFormat}")],
            instance);

    public static IEnumerable<(MetricInstrumentView Instrument, IReadOnlyList<TelemetryTag> Attributes, MetricPoint Point)> MetricPoints(ExportMetricsServiceRequest request)
    {
        foreach (var resourceMetrics in request.ResourceMetrics)
        {
            var resource = ServiceName(resourceMetrics.Resource);
            // Replicas share a service name: their cumulative series must stay apart, or they would interleave.
            var instance = InstanceId(resourceMetrics.Resource) is { } id ? new TelemetryTag("service.instance.id", id) : null;
            foreach (var scopeMetrics in resourceMetrics.ScopeMetrics)
            {
                var scope = scopeMetrics.Scope?.Name ?? "";
                foreach (var metric in scopeMetrics.Metrics)
                {
                    var view = new MetricInstrumentView(resource, scope, metric.Name, metric.Description, metric.Unit, KindOf(metric), 0, TemporalityOf(metric));
                    foreach (var (attributes, point) in Points(metric))
                    {
                        yield return (view, instance is null ? attributes : [instance, .. attributes], point);
                    }
                }
            }
        }
    }

    private static MetricKind KindOf(Metric metric) => metric.DataCase switch
    {
        Metric.DataOneofCase.Sum => metric.Sum.IsMonotonic ? MetricKind.Counter : MetricKind.UpDownCounter,
        Metric.DataOneofCase.Histogram or Metric.DataOneofCase.ExponentialHistogram or Metric.DataOneofCase.Summary => MetricKind.Histogram,
        _ => MetricKind.Gauge,
    };

    /// <summary>Sums and histograms say theirs; gauges and summaries are read as they are (cumulative).</summary>
    private static MetricTemporality TemporalityOf(Metric metric) => (metric.DataCase switch
    {
        Metric.DataOneofCase.Sum => metric.Sum.AggregationTemporality,
        Metric.DataOneofCase.Histogram => metric.Histogram.AggregationTemporality,
        Metric.DataOneofCase.ExponentialHistogram => metric.ExponentialHistogram.AggregationTemporality,
        _ => AggregationTemporality.Cumulative,
    }) == AggregationTemporality.Delta ? MetricTemporality.Delta : MetricTemporality.Cumulative;

    private static IEnumerable<(IReadOnlyList<TelemetryTag>, MetricPoint)> Points(Metric metric) => metric.DataCase switch
    {
        Metric.DataOneofCase.Gauge => metric.Gauge.DataPoints.Select(p => (Attributes(p.Attributes), Number(p))),
        Metric.DataOneofCase.Sum => metric.Sum.DataPoints.Select(p => (Attributes(p.Attributes), Number(p))),
        Metric.DataOneofCase.Histogram => metric.Histogram.DataPoints.Select(p =>
            (Attributes(p.Attributes), new MetricPoint(Time(p.TimeUnixNano), p.HasSum ? p.Sum : 0, p.Count, Since(p.StartTimeUnixNano)))),
        Metric.DataOneofCase.ExponentialHistogram => metric.ExponentialHistogram.DataPoints.Select(p =>
            (Attributes(p.Attributes), new MetricPoint(Time(p.TimeUnixNano), p.HasSum ? p.Sum : 0, p.Count, Since(p.StartTimeUnixNano)))),
        Metric.DataOneofCase.Summary => metric.Summary.DataPoints.Select(p =>
            (Attributes(p.Attributes), new MetricPoint(Time(p.TimeUnixNano), p.Sum, p.Count, Since(p.StartTimeUnixNano)))),
        _ => [],
    };

    private static MetricPoint Number(NumberDataPoint point) =>
        new(Time(point.TimeUnixNano), point.ValueCase == NumberDataPoint.ValueOneofCase.AsInt ? point.AsInt : point.AsDouble, 0, Since(point.StartTimeUnixNano));

    /// <summary>
    /// Without a formatted message the .NET exporter sends the template ("Order {OrderId} is late") as the body and
    /// its values as attributes: fill them in, so the message reads and can be searched as the service wrote it.
    /// </summary>
    private static string Message(AnyValue? body, IReadOnlyList<TelemetryTag> attributes)
    {
        var text = body is null ? "" : Render(body);
        if (text.Contains('{', StringComparison.Ordinal))
        {
            foreach (var attribute in attributes)
            {
                text = text.Replace("{" + attribute.Key + "}", attribute.Value, StringComparison.Ordinal);
            }
        }

        return text;
    }

    private static LogSeverity Severity(SeverityNumber number) => (int)number switch
    {
        >= 21 => LogSeverity.Critical,
        >= 17 => LogSeverity.Error,
        >= 13 => LogSeverity.Warning,
        >= 9 => LogSeverity.Information,
        >= 5 => LogSeverity.Debug,
        >= 1 => LogSeverity.Trace,
        _ => LogSeverity.Information,
    };

    private static string ServiceName(OtlpResource? resource) =>
        resource?.Attributes.FirstOrDefault(a => a.Key == "service.name") is { } name ? Render(name.Value) : "unknown";

    private static string? InstanceId(OtlpResource? resource) =>
        resource?.Attributes.FirstOrDefault(a => a.Key == "service.instance.id") is { } id ? Render(id.Value) : null;

    private static IReadOnlyList<TelemetryTag> Attributes(RepeatedField<KeyValue> attributes) =>
        attributes.Count == 0 ? [] : [.. attributes.Select(a => new TelemetryTag(a.Key, a.Value is null ? "" : Render(a.Value)))];

    private static string Render(AnyValue value) => value.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.ArrayValue => "[" + string.Join(", ", value.ArrayValue.Values.Select(Render)) + "]",
        AnyValue.ValueOneofCase.KvlistValue => "{" + string.Join(", ", value.KvlistValue.Values.Select(kv => $"{kv.Key}: {(kv.Value is null ? "" : Render(kv.Value))}")) + "}",
        AnyValue.ValueOneofCase.BytesValue => Convert.ToBase64String(value.BytesValue.Span),
        _ => "",
    };

    private static string KindName(Span.Types.SpanKind kind) => kind switch
    {
        Span.Types.SpanKind.Server => "Server",
        Span.Types.SpanKind.Client => "Client",
        Span.Types.SpanKind.Producer => "Producer",
        Span.Types.SpanKind.Consumer => "Consumer",
        _ => "Internal",
    };

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);

    /// <summary>A point's start time; default when the exporter left it out.</summary>
    private static DateTimeOffset Since(ulong unixNanos) => unixNanos == 0 ? default : Time(unixNanos);

    private static DateTimeOffset Time(ulong unixNanos) =>
        DateTimeOffset.UnixEpoch.AddTicks((long)(unixNanos / 100));
}
