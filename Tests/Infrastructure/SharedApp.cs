[assembly: AssemblyFixture(typeof(Tests.Infrastructure.SharedApp))]

namespace Tests.Infrastructure;

/// <summary>
/// The AppHost's own model, started once for the whole test run with Aspire.Hosting.Testing (two API replicas), and
/// shared by every test that only reads or adds its own rows; tests that need to break things start their own app.
/// </summary>
public sealed class SharedApp : IAsyncLifetime
{
    /// <summary>Set on the shared app's API by the suite itself, so not part of the app model's own wiring.</summary>
    public const string SignInLimitVariable = "RateLimiting__Auth__PermitLimit";

    private DistributedApplication? app;

    public DistributedApplication App => app ?? throw new InvalidOperationException("The shared app has not started.");

    public string DatabaseConnectionString { get; private set; } = "";

    public string CacheConnectionString { get; private set; } = "";

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TestApps.StartTimeout);
        var builder = await TestApps.CreateBuilderAsync(timeout.Token);
        builder.CreateResourceBuilder<ProjectResource>("api").WithReplicas(2)
            // The suite signs in far more often than a person would; RateLimitTests proves the limiter with its own app.
            .WithEnvironment(SignInLimitVariable, "1000000");
        app = await TestApps.StartAsync(builder, timeout.Token);
        DatabaseConnectionString = (await app.GetConnectionStringAsync("appdb", timeout.Token))!;
        CacheConnectionString = (await app.GetConnectionStringAsync("cache", timeout.Token))!;
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
