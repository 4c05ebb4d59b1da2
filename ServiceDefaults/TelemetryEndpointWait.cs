using System.Net.Sockets;
using Microsoft.Extensions.Configuration;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// Waits for a telemetry endpoint that starts beside the service: Aspire's dashboard, which the AppHost starts at the
/// same moment as the servers. On a loaded machine the migration worker can finish before the dashboard listens, and
/// an export to a port that refuses is dropped: its logs never reached the dashboard. The AppHost sets
/// <see cref="ConfigurationKey"/> (how long to wait) only where a dashboard is starting; elsewhere, such as an endpoint
/// that has stopped for good, nothing waits.
/// </summary>
public static class TelemetryEndpointWait
{
    public const string ConfigurationKey = "Telemetry:AwaitEndpoint";

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>Returns once the OTLP endpoint accepts connections, or the configured patience has passed.</summary>
    public static async Task UntilTheEndpointListensAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        if (configuration.GetValue<TimeSpan?>(ConfigurationKey) is not { } patience
            || !Uri.TryCreate(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"], UriKind.Absolute, out var endpoint))
        {
            return;
        }

        var deadline = DateTime.UtcNow + patience;
        while (!await AcceptsAsync(endpoint, cancellationToken) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(Poll, cancellationToken);
        }
    }

    private static async Task<bool> AcceptsAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient();
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(TimeSpan.FromMilliseconds(500));
            await client.ConnectAsync(endpoint.Host, endpoint.Port, attempt.Token);
            return true;
        }
        catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return false;
        }
    }
}
