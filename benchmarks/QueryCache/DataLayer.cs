using Api.Data;
using Api.Data.QueryCache;
using Api.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace QueryCacheBenchmarks;

/// <summary>The API's data layer built as the API builds it, in this process, on the running app's servers.</summary>
internal sealed class DataLayer : IAsyncDisposable
{
    private readonly IHost host;

    private DataLayer(IHost host) => this.host = host;

    public IServiceProvider Services => host.Services;

    public static async Task<DataLayer> StartAsync(string database, string cache)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:appdb"] = database,
            ["ConnectionStrings:cache"] = cache,
        });
        builder.AddAppDatabase();
        builder.AddCache();
        var host = builder.Build();
        await host.StartAsync();
        if (!await host.Services.GetRequiredService<InvalidationBus>().WaitUntilReadyAsync(TimeSpan.FromSeconds(10)))
        {
            throw new InvalidOperationException("The query cache did not get ready.");
        }

        return new DataLayer(host);
    }

    public AsyncServiceScope Scope() => host.Services.CreateAsyncScope();

    public static CachedDbContext Cached(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<CachedDbContext>();

    public static DirectDbContext Direct(AsyncServiceScope scope) => scope.ServiceProvider.GetRequiredService<DirectDbContext>();

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
