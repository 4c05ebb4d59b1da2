using OpenTelemetry.Exporter;

namespace Tests.Dashboard;

/// <summary>The real OpenTelemetry OTLP exporter pointed at an AppHost, with the key the AppHost gave its services.</summary>
internal static class OtlpTestExporters
{
    public static void Configure(OtlpExporterOptions options, DistributedApplication app, string signal)
    {
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        options.Endpoint = new Uri($"{app.DashboardUrl}/v1/{signal}");
        options.Headers = ServicesHeaders(app);
    }

    /// <summary>The exporter over gRPC: one endpoint for every signal, the service chosen by the call.</summary>
    public static void ConfigureGrpc(OtlpExporterOptions options, DistributedApplication app)
    {
        options.Protocol = OtlpExportProtocol.Grpc;
        options.Endpoint = new Uri(app.OtlpGrpcUrl);
        options.Headers = ServicesHeaders(app);
    }

    /// <summary>The <c>x-otlp-api-key=...</c> header the AppHost gives its services.</summary>
    public static string ServicesHeaders(DistributedApplication app) =>
        app.ResourceNotifications.TryGet("migrations")!.Environment["OTEL_EXPORTER_OTLP_HEADERS"];

    public static T? FirstOf<T>(IReadOnlyList<T> items)
        where T : class => items.Count > 0 ? items[0] : null;

    /// <summary>Polls until <paramref name="found"/> returns something: exporters and the store work asynchronously.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<T?> found, TimeSpan? timeout = null)
        where T : class
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            if (found() is { } value)
            {
                return value;
            }

            await Task.Delay(100, limit.Token);
        }
    }
}
