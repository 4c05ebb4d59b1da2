using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace Benchmarks;

/// <summary>
/// The AppHost's model as a throw-away app through Aspire.Hosting.Testing, as the tests make theirs
/// (Tests/Infrastructure/TestApps.cs): random ports, data deleted when disposed, only the AppHost's warnings printed.
/// </summary>
internal static class BenchmarkApp
{
    public static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);

    public static async Task<IDistributedApplicationTestingBuilder> CreateBuilderAsync(CancellationToken cancellationToken = default)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>([], cancellationToken);

        // Configuration, not SetMinimumLevel: Aspire writes its own Logging:LogLevel defaults into the configuration,
        // and those rules win over a minimum level. Health checks fail by design while the servers start, and the
        // resources' own console lines (AppHost.Resources.*) stay in Aspire's resource logs.
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        builder.Configuration["Logging:LogLevel:Aspire.Hosting.Dcp"] = "Warning";
        builder.Configuration["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "None";
        builder.Configuration[$"Logging:LogLevel:{builder.Environment.ApplicationName}.Resources"] = "None";
        return builder;
    }

    /// <summary>Builds and starts the app, then waits until every instance of <paramref name="resourceName"/> is healthy.</summary>
    public static async Task<DistributedApplication> StartAsync(IDistributedApplicationTestingBuilder builder, string resourceName = "api", CancellationToken cancellationToken = default)
    {
        var app = await builder.BuildAsync(cancellationToken);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            await app.StartAsync(timeout.Token);
            await app.WaitForEveryReplicaHealthyAsync(resourceName, timeout.Token);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }
}
