using AppHost.Orchestration.Testing;

[assembly: AssemblyFixture(typeof(Tests.Infrastructure.SharedApp))]

namespace Tests.Infrastructure;

/// <summary>
/// The AppHost's own model, started once for the whole test run (with two API replicas) and shared by every
/// test that only reads or adds its own rows; tests that need to break things build their own model.
/// </summary>
public sealed class SharedApp : IAsyncLifetime
{
    private DistributedApplication? app;

    public DistributedApplication App => app ?? throw new InvalidOperationException("The shared app has not started.");

    public string DatabaseConnectionString => App.GetConnectionString("appdb")!;

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(cancellationToken: timeout.Token);
        builder.CreateResourceBuilder<ProjectResource>("api").WithReplicas(2)
            // The suite signs in far more often than a person would; RateLimitTests proves the limiter with its own app.
            .WithEnvironment("RateLimiting__Auth__PermitLimit", "1000000");
        app = builder.Build();
        await app.StartAsync(timeout.Token);
        await app.WaitForSettledAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
