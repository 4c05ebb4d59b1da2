using Aspire.Hosting.Testing;

namespace Tests.Infrastructure;

/// <summary>
/// Test apps of the AppHost's model through Aspire.Hosting.Testing: throw-away data and random ports (so they run beside
/// a developer's own <c>dotnet run</c>), ready once the API is healthy, and every process ended when disposed.
/// </summary>
internal static class TestApps
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    public static async Task<IDistributedApplicationTestingBuilder> CreateBuilderAsync(CancellationToken cancellationToken, params string[] args) =>
        Quiet(await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(args, cancellationToken));

    /// <summary>An empty model, for tests of the local-process resources on their own.</summary>
    public static IDistributedApplicationTestingBuilder CreateEmptyBuilder(params string[] args) =>
        Quiet(DistributedApplicationTestingBuilder.Create(args));

    /// <summary>
    /// Warnings and errors of the AppHost only: the test output stays readable. Health checks fail by design while
    /// servers start and stop, and the resources' console lines (PostgreSQL logs everything to stderr) are read by the
    /// tests that need them (<see cref="ResourceStates.ConsoleLinesAsync"/>). Set in configuration: Aspire writes its own
    /// <c>Logging:LogLevel</c> defaults there, and those rules win over a minimum level.
    /// </summary>
    private static IDistributedApplicationTestingBuilder Quiet(IDistributedApplicationTestingBuilder builder)
    {
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        builder.Configuration["Logging:LogLevel:Aspire.Hosting.Dcp"] = "Warning";
        builder.Configuration["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "None";
        builder.Configuration[$"Logging:LogLevel:{builder.Environment.ApplicationName}.Resources"] = "None";
        return builder;
    }

    /// <summary>Builds and starts the app, then waits for <paramref name="readyWhenHealthy"/>; the app is disposed if it never gets there.</summary>
    public static async Task<DistributedApplication> StartAsync(IDistributedApplicationTestingBuilder builder, CancellationToken cancellationToken, string readyWhenHealthy = "api")
    {
        var app = await builder.BuildAsync(cancellationToken);
        try
        {
            await app.StartAsync(cancellationToken);
            await app.ResourceNotifications.WaitForResourceHealthyAsync(readyWhenHealthy, cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>The AppHost's model, started, in one call.</summary>
    public static async Task<DistributedApplication> StartAsync(CancellationToken cancellationToken, params string[] args) =>
        await StartAsync(await CreateBuilderAsync(cancellationToken, args), cancellationToken);
}
