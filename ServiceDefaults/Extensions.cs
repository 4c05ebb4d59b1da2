using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

// The Aspire 13 template's service defaults: service discovery, resilience, health checks and
// OpenTelemetry. Every service project references this project. The namespace is
// Microsoft.Extensions.Hosting so callers need no using directive.
public static class Extensions
{
    public const string HealthEndpointPath = "/health";
    public const string AlivenessEndpointPath = "/alive";

    // Checks with this tag are the only ones /alive runs: a failing dependency must not get the
    // process restarted, only taken out of rotation.
    public const string LiveTag = "live";

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();

        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();

        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();

            http.AddServiceDiscovery();
        });

        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddHttpClientInstrumentation()
                    .AddRuntimeInstrumentation();
            })
            .WithTracing(tracing =>
            {
                tracing.AddSource(builder.Environment.ApplicationName)
                    .AddAspNetCoreInstrumentation(aspNetCore =>
                        // Health probes arrive every few seconds and would drown the real traces.
                        aspNetCore.Filter = context =>
                            !context.Request.Path.StartsWithSegments(HealthEndpointPath)
                            && !context.Request.Path.StartsWithSegments(AlivenessEndpointPath))
                    .AddHttpClientInstrumentation();
            });

        builder.AddOpenTelemetryExporters();

        return builder;
    }

    private static TBuilder AddOpenTelemetryExporters<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // The AppHost sets the endpoint to its dashboard; without one (a bare `dotnet run`) exporting
        // would only log connection errors.
        var useOtlpExporter = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

        if (useOtlpExporter)
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
            builder.AddQuickTelemetryStop();

            // With http/protobuf the exporters get their HttpClient from IHttpClientFactory under
            // these names, so ConfigureHttpClientDefaults above gives them the standard resilience
            // handler and service discovery too. The log exporter creates its client lazily at its
            // first export (open-telemetry/opentelemetry-dotnet#7298), after the LoggerProvider, so
            // the resilience pipeline it pulls from DI is disposed before the LoggerProvider, whose
            // final flush then throws ObjectDisposedException. The in-memory retry Aspire turns on
            // (OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY=in_memory) retries any exception that is not an
            // HttpRequestException until the LoggerProvider stops waiting after 5 s. The last logs
            // were then dropped, so each shutdown took 5 s longer and lost its final log lines.
            // The exporter has its own timeout and retry, and the endpoint is a plain URL, so these
            // clients need neither handler.
            foreach (var name in OtlpExporterHttpClientNames)
            {
                builder.Services.AddHttpClient(name)
                    .ConfigureAdditionalHttpMessageHandlers(static (handlers, _) => handlers.Clear());
            }
        }

        return builder;
    }

    // The client names the OTLP exporters request from IHttpClientFactory (see the exporter's
    // README, "Configure HttpClient").
    private static readonly string[] OtlpExporterHttpClientNames =
        ["OtlpTraceExporter", "OtlpMetricExporter", "OtlpLogExporter"];

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            // Answers as long as the process can serve a request at all.
            .AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);

        return builder;
    }

    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        // Unlike the template, mapped in every environment: the AppHost waits on /health and
        // deployments probe both. The response names checks and their state, never connection
        // strings or stack traces (see HealthReportJsonWriter).

        // Ready to take traffic only when every check, dependencies included, passes.
        app.MapHealthChecks(HealthEndpointPath, new HealthCheckOptions
        {
            ResponseWriter = HealthReportJsonWriter.WriteAsync,
        });

        // Alive as long as the process itself is; dependencies are deliberately left out.
        app.MapHealthChecks(AlivenessEndpointPath, new HealthCheckOptions
        {
            Predicate = registration => registration.Tags.Contains(LiveTag),
            ResponseWriter = HealthReportJsonWriter.WriteAsync,
        });

        return app;
    }
}
