using Tests.Infrastructure;

namespace Tests.QueryCache;

/// <summary>
/// The AppHost's model with a 2 s max_age and a 1 s cache-server break, for tests that wait for expiry or stop the
/// cache server: their own app, so the shared one is never disturbed.
/// </summary>
public sealed class ShortMaxAgeApp : IAsyncLifetime
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(2);
    public static readonly TimeSpan StaleWhileRevalidate = TimeSpan.FromSeconds(1);

    private DistributedApplication? app;

    public DistributedApplication App => app ?? throw new InvalidOperationException("The app has not started.");

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TestApps.StartTimeout);
        var builder = await TestApps.CreateBuilderAsync(timeout.Token);
        builder.CreateResourceBuilder<ProjectResource>("api").WithReplicas(2)
            .WithEnvironment("QueryCache__MaxAge", MaxAge.ToString())
            .WithEnvironment("QueryCache__StaleWhileRevalidate", StaleWhileRevalidate.ToString())
            .WithEnvironment("QueryCache__CacheServerBreakDuration", "00:00:01");
        app = await TestApps.StartAsync(builder, timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
