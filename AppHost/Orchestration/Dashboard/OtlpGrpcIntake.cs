using AppHost.Orchestration.Telemetry.Otlp;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace AppHost.Orchestration;

/// <summary>
/// OTLP's collector services over gRPC, on the dashboard's own HTTP/2 port (as Aspire's dashboard has separate OTLP
/// gRPC and HTTP endpoints): what an exporter set to <c>grpc</c> calls. Decoding and storing are the HTTP intake's.
/// </summary>
internal sealed class OtlpGrpcTraceService(OtlpIntake intake) : TraceService.TraceServiceBase
{
    public override Task<ExportTraceServiceResponse> Export(ExportTraceServiceRequest request, ServerCallContext context) =>
        Task.FromResult(intake.Receive(request));
}

internal sealed class OtlpGrpcLogsService(OtlpIntake intake) : LogsService.LogsServiceBase
{
    public override Task<ExportLogsServiceResponse> Export(ExportLogsServiceRequest request, ServerCallContext context) =>
        Task.FromResult(intake.Receive(request));
}

internal sealed class OtlpGrpcMetricsService(OtlpIntake intake) : MetricsService.MetricsServiceBase
{
    public override Task<ExportMetricsServiceResponse> Export(ExportMetricsServiceRequest request, ServerCallContext context) =>
        Task.FromResult(intake.Receive(request));
}

/// <summary>The same <c>x-otlp-api-key</c> check as over HTTP, before any gRPC call is read: Unauthenticated otherwise.</summary>
internal sealed class OtlpApiKeyInterceptor(OtlpIntake intake) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation) =>
        intake.IsApiKey(context.RequestHeaders.GetValue(OtlpIntake.ApiKeyHeader))
            ? continuation(request, context)
            : throw new RpcException(new Grpc.Core.Status(StatusCode.Unauthenticated, $"Send the API key the AppHost gave the service in the {OtlpIntake.ApiKeyHeader} header."));
}
