using System.Net.Sockets;

namespace AppHost.LocalProcesses;

/// <summary>The services export telemetry only to a dashboard that runs.</summary>
public static class TelemetryEndpointExtensions
{
    // ServiceDefaults' TelemetryEndpointWait.ConfigurationKey, as an environment variable.
    private const string AwaitEndpointVariable = "Telemetry__AwaitEndpoint";

    private static readonly string[] OtlpVariables = ["OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_EXPORTER_OTLP_HEADERS"];

    // The dashboard's own start, on two loaded cores, is a few seconds.
    private static readonly TimeSpan DashboardPatience = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Aspire points every project at the dashboard's OTLP endpoint, also where no dashboard runs: Aspire.Hosting.Testing
    /// turns the dashboard off and still hands the services an endpoint where nothing listens. Each export there failed
    /// and was retried until its timeout; the migration worker, which sends its telemetry before it exits, took 1.2 to
    /// 1.7 s longer, on the way to every test app's API. With this, when the app runs no dashboard and nothing accepts a
    /// connection at that endpoint as the app starts, the services get no OTLP variables and export nothing. A dashboard,
    /// or any collector listening there, keeps receiving everything.
    /// </summary>
    /// <remarks>
    /// Where the dashboard runs, it starts at the same moment as the servers, and on a loaded machine the migration
    /// worker can be done before it listens: the services are told to wait for it (up to <see cref="DashboardPatience"/>)
    /// before the flush that ends a run, <c>TelemetryEndpointWait</c> in ServiceDefaults.
    /// </remarks>
    public static IDistributedApplicationBuilder WithTelemetryOnlyToARunningDashboard(this IDistributedApplicationBuilder builder)
    {
        if (!builder.ExecutionContext.IsRunMode)
        {
            return builder;
        }

        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            var dashboard = !@event.Services.GetRequiredService<DistributedApplicationOptions>().DisableDashboard;
            foreach (var resource in @event.Model.Resources.OfType<IResourceWithEnvironment>().Where(r => r.HasAnnotationOfType<OtlpExporterAnnotation>()))
            {
                // After Aspire's own callback, which the resource got when it was added.
                resource.Annotations.Add(new EnvironmentCallbackAnnotation(context =>
                {
                    if (!context.EnvironmentVariables.TryGetValue(OtlpVariables[0], out var endpoint))
                    {
                        return;
                    }

                    if (dashboard)
                    {
                        context.EnvironmentVariables[AwaitEndpointVariable] = DashboardPatience.ToString("c");
                    }
                    else if (endpoint is HostUrl url && !Listens(url.Url))
                    {
                        foreach (var variable in OtlpVariables)
                        {
                            context.EnvironmentVariables.Remove(variable);
                        }
                    }
                }));
            }

            return Task.CompletedTask;
        });
        return builder;
    }

    private static bool Listens(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return true;
        }

        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync(uri.Host, uri.Port).Wait(TimeSpan.FromMilliseconds(200));
        }
        catch (AggregateException e) when (e.InnerException is SocketException)
        {
            return false;
        }
    }
}
