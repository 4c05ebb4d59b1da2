using System.Diagnostics;
using AppHost.Orchestration;
using AppHost.Orchestration.Testing;

namespace Startup;

/// <summary>
/// The test harness: the whole app started in one call (throw-away data, random ports), then disposed. The milestones
/// of the critical path (PostgreSQL healthy, migrations finished, every API replica healthy) are taken from the
/// engine's own resource notifications, so the figures say where the start time goes.
/// </summary>
internal static class HarnessRun
{
    public sealed record Result(TimeSpan Start, TimeSpan Dispose, TimeSpan PostgresHealthy, TimeSpan MigrationsFinished, TimeSpan ApiHealthy);

    public static async Task<Result> MeasureAsync()
    {
        var clock = Stopwatch.StartNew();
        var app = (await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>()).Build();
        using var watching = new CancellationTokenSource();
        var milestones = WatchMilestonesAsync(app, clock, watching.Token);
        await app.StartAsync();
        await app.WaitForSettledAsync();
        var started = clock.Elapsed;
        await watching.CancelAsync();
        var (postgres, migrations, api) = await milestones;

        clock.Restart();
        await app.DisposeAsync();
        return new Result(started, clock.Elapsed, postgres, migrations, api);
    }

    private static async Task<(TimeSpan Postgres, TimeSpan Migrations, TimeSpan Api)> WatchMilestonesAsync(
        DistributedApplication app, Stopwatch clock, CancellationToken cancellationToken)
    {
        TimeSpan postgres = default, migrations = default;
        var apiHealthy = new Dictionary<string, TimeSpan>();
        try
        {
            await foreach (var snapshot in app.ResourceNotifications.WatchAsync(cancellationToken))
            {
                if (snapshot.Name == "postgres" && snapshot.Health == HealthStatus.Healthy && postgres == default)
                {
                    postgres = clock.Elapsed;
                }
                else if (snapshot.Name == "migrations" && snapshot.State == KnownResourceStates.Finished && migrations == default)
                {
                    migrations = clock.Elapsed;
                }
                else if ((snapshot.Name == "api" || snapshot.ReplicaOf == "api") && snapshot.Health == HealthStatus.Healthy)
                {
                    apiHealthy.TryAdd(snapshot.Name, clock.Elapsed);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        // The last replica to become healthy is the one the start waits for.
        return (postgres, migrations, apiHealthy.Values.DefaultIfEmpty().Max());
    }
}
