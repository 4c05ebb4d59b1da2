using System.Diagnostics;
using Npgsql;

namespace MigrationService;

/// <summary>Waits for PostgreSQL to accept connections: it may still be starting when the AppHost starts us.</summary>
internal static partial class DatabaseServer
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    // Bounds one attempt against an unresponsive host, so the whole wait stays near the budget.
    private const int ConnectTimeoutSeconds = 5;

    public static async Task WaitUntilReachableAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        var probe = new NpgsqlConnectionStringBuilder(MaintenanceDatabase.ConnectionStringFor(connectionString))
        {
            Timeout = ConnectTimeoutSeconds,
        };
        var endpoint = $"{probe.Host}:{probe.Port}";
        var started = Stopwatch.GetTimestamp();
        var delay = FirstDelay;

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = new NpgsqlConnection(probe.ConnectionString);
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException exception) when (!cancellationToken.IsCancellationRequested)
            {
                var reason = FailureReport.Describe(exception);

                // A wrong password or a missing role will not fix itself: fail now rather than after 30 s.
                if (!exception.IsTransient || Stopwatch.GetElapsedTime(started) + delay > Budget)
                {
                    throw new DatabaseUnreachableException(endpoint, attempt, reason, exception);
                }

                LogRetrying(logger, endpoint, attempt, reason, (int)delay.TotalMilliseconds);
                await Task.Delay(delay, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxDelay.Ticks));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Database server {Endpoint} not reachable yet (attempt {Attempt}: {Reason}); retrying in {DelayMs} ms")]
    private static partial void LogRetrying(ILogger logger, string endpoint, int attempt, string reason, int delayMs);
}
