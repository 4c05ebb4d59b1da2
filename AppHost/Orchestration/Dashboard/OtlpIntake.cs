using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using AppHost.Orchestration.Telemetry;
using AppHost.Orchestration.Telemetry.Otlp;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AppHost.Orchestration;

/// <summary>
/// Where services' OTLP/HTTP exporters post (the endpoint the AppHost gives them in OTEL_EXPORTER_OTLP_ENDPOINT),
/// guarded by the <c>x-otlp-api-key</c> header as Aspire's dashboard is. Decoded data goes to the telemetry store.
/// </summary>
internal sealed class OtlpIntake(string apiKey, TelemetryStore store)
{
    public const string ApiKeyHeader = "x-otlp-api-key";

    private const string Protobuf = "application/x-protobuf";

    private readonly byte[] expected = Encoding.UTF8.GetBytes(apiKey);

    /// <summary>The OTLP/HTTP paths (<c>/v1/traces</c>...) and the gRPC collector services' (<c>/opentelemetry.proto.collector.*</c>).</summary>
    public static bool Handles(PathString path) =>
        path.StartsWithSegments("/v1") || path.StartsWithSegments("/opentelemetry.proto.collector.trace.v1.TraceService")
        || path.StartsWithSegments("/opentelemetry.proto.collector.logs.v1.LogsService")
        || path.StartsWithSegments("/opentelemetry.proto.collector.metrics.v1.MetricsService");

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/traces", (HttpRequest http) => AcceptAsync(http.HttpContext, ExportTraceServiceRequest.Parser, Receive));
        routes.MapPost("/v1/logs", (HttpRequest http) => AcceptAsync(http.HttpContext, ExportLogsServiceRequest.Parser, Receive));
        routes.MapPost("/v1/metrics", (HttpRequest http) => AcceptAsync(http.HttpContext, ExportMetricsServiceRequest.Parser, Receive));
    }

    /// <summary>Whether <paramref name="presented"/> is the key the AppHost gave its services, compared in constant time.</summary>
    public bool IsApiKey(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), expected);

    public ExportTraceServiceResponse Receive(ExportTraceServiceRequest request)
    {
        store.AddSpans(OtlpDecoder.Spans(request));
        return new ExportTraceServiceResponse();
    }

    public ExportLogsServiceResponse Receive(ExportLogsServiceRequest request)
    {
        store.AddLogs(OtlpDecoder.Logs(request));
        return new ExportLogsServiceResponse();
    }

    public ExportMetricsServiceResponse Receive(ExportMetricsServiceRequest request)
    {
        foreach (var (instrument, attributes, point) in OtlpDecoder.MetricPoints(request))
        {
            store.AddMetricPoint(instrument, attributes, point);
        }

        return new ExportMetricsServiceResponse();
    }

    private async Task<IResult> AcceptAsync<TRequest>(HttpContext http, MessageParser<TRequest> parser, Func<TRequest, IMessage> store)
        where TRequest : IMessage<TRequest>
    {
        if (!IsApiKey(http.Request.Headers[ApiKeyHeader].ToString()))
        {
            return Results.Problem($"Send the API key the AppHost gave the service in the {ApiKeyHeader} header.", statusCode: StatusCodes.Status401Unauthorized);
        }

        if (!(http.Request.ContentType ?? "").StartsWith(Protobuf, StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(
                $"The dashboard accepts OTLP as {Protobuf}: set OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf.",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        TRequest request;
        try
        {
            var body = string.Equals(http.Request.Headers.ContentEncoding, "gzip", StringComparison.OrdinalIgnoreCase)
                ? new GZipStream(http.Request.Body, CompressionMode.Decompress)
                : http.Request.Body;
            await using (body)
            {
                using var buffer = new MemoryStream();
                await body.CopyToAsync(buffer, http.RequestAborted);
                buffer.Position = 0;
                request = parser.ParseFrom(buffer);
            }
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidDataException)
        {
            return Results.Problem($"The body is not a valid OTLP {typeof(TRequest).Name}: {e.Message}", statusCode: StatusCodes.Status400BadRequest);
        }

        // An empty Export*ServiceResponse: full success, nothing rejected.
        return Results.Bytes(store(request).ToByteArray(), Protobuf);
    }
}
