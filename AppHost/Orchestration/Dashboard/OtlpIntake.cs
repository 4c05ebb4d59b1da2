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

    public static bool Handles(PathString path) => path.StartsWithSegments("/v1");

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/traces", (HttpRequest http) => AcceptAsync(http.HttpContext, ExportTraceServiceRequest.Parser, request =>
        {
            store.AddSpans(OtlpDecoder.Spans(request));
            return new ExportTraceServiceResponse();
        }));
        routes.MapPost("/v1/logs", (HttpRequest http) => AcceptAsync(http.HttpContext, ExportLogsServiceRequest.Parser, request =>
        {
            store.AddLogs(OtlpDecoder.Logs(request));
            return new ExportLogsServiceResponse();
        }));
        routes.MapPost("/v1/metrics", (HttpRequest http) => AcceptAsync(http.HttpContext, ExportMetricsServiceRequest.Parser, request =>
        {
            foreach (var (instrument, attributes, point) in OtlpDecoder.MetricPoints(request))
            {
                store.AddMetricPoint(instrument, attributes, point);
            }

            return new ExportMetricsServiceResponse();
        }));
    }

    private async Task<IResult> AcceptAsync<TRequest>(HttpContext http, MessageParser<TRequest> parser, Func<TRequest, IMessage> store)
        where TRequest : IMessage<TRequest>
    {
        var presented = http.Request.Headers[ApiKeyHeader].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), expected))
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
