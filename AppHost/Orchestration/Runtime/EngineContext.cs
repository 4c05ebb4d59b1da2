namespace AppHost.Orchestration;

/// <summary>What every part of the engine shares during one run.</summary>
internal sealed record EngineContext(
    DistributedApplicationOptions Options,
    ResourceNotificationService Notifications,
    ConsoleLogStore Logs,
    RunRecord RunRecord,
    string StateDirectory,
    string AppHostDirectory,
    string EnvironmentName,
    TelemetryEndpoint Telemetry,
    EngineLog Log);

/// <summary>Where services send OpenTelemetry data: the AppHost's own OTLP endpoint, guarded by an API key.</summary>
internal sealed class TelemetryEndpoint(DashboardServer server)
{
    public string Url => server.Url;

    public string ApiKey => server.OtlpApiKey;
}
