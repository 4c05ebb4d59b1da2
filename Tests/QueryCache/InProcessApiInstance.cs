using System.Diagnostics.Metrics;
using Api.Data;
using Api.Data.QueryCache;
using Api.Extensions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Tests.QueryCache;

/// <summary>
/// The API's data layer (both handles, the query cache, the cache-server connection) built exactly as the API builds
/// it, in the test process, against the shared app's PostgreSQL and cache server: one more API instance whose
/// internals a test can count.
/// </summary>
internal sealed class InProcessApiInstance : IAsyncDisposable
{
    private readonly IHost host;
    private readonly MeterListener listener = new();
    private long databaseQueries;

    private InProcessApiInstance(IHost host)
    {
        this.host = host;
        var meterFactory = host.Services.GetRequiredService<IMeterFactory>();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Scope == meterFactory && instrument.Name == "query_cache.database_queries")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref databaseQueries, value));
        listener.Start();
    }

    /// <summary>Queries the cache sent to PostgreSQL to fill or refresh entries, since this instance started.</summary>
    public long DatabaseQueries => Interlocked.Read(ref databaseQueries);

    public IServiceProvider Services => host.Services;

    public static Task<InProcessApiInstance> StartAsync(DistributedApplication app, params (string Key, string Value)[] settings) =>
        StartAsync(app.GetConnectionString("appdb")!, app, settings);

    /// <summary>An instance on a database of its own: no other test's writes invalidate its results.</summary>
    public static async Task<InProcessApiInstance> StartAsync(string database, DistributedApplication app, params (string Key, string Value)[] settings)
    {
        var instance = await StartWithoutWaitingAsync(database, app, settings);
        Assert.True(await instance.Services.GetRequiredService<InvalidationBus>().WaitUntilReadyAsync(TimeSpan.FromSeconds(10)), "The query cache did not get ready.");
        return instance;
    }

    /// <summary>As above, returning once the host has started, whether or not its query cache is in sync yet.</summary>
    public static async Task<InProcessApiInstance> StartWithoutWaitingAsync(string database, DistributedApplication app, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:appdb"] = database,
            ["ConnectionStrings:cache"] = app.GetConnectionString("cache"),
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.AddAppDatabase();
        builder.AddCache();
        var host = builder.Build();
        await host.StartAsync();
        return new InProcessApiInstance(host);
    }

    /// <summary>
    /// Waits until every instance has listed the cache server's entries: from then on a miss on a result no instance
    /// announced skips the cache server.
    /// </summary>
    public static async Task EntryListingsCompleteAsync(params InProcessApiInstance[] instances)
    {
        static bool Complete(InProcessApiInstance instance) => instance.Services.GetRequiredService<SharedEntryDirectory>().IsComplete;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!instances.All(Complete) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.True(instances.All(Complete), "An instance did not finish listing the cache server's entries.");
    }

    /// <summary>A cached-handle context in its own request scope, with the outcomes of its queries recorded.</summary>
    public CachedContext Cached() => new(host.Services.CreateAsyncScope());

    public DirectContext Direct() => new(host.Services.CreateAsyncScope());

    public async ValueTask DisposeAsync()
    {
        listener.Dispose();
        await host.StopAsync();
        host.Dispose();
    }

    internal sealed class CachedContext(AsyncServiceScope scope) : IAsyncDisposable
    {
        public CachedDbContext Db { get; } = scope.ServiceProvider.GetRequiredService<CachedDbContext>();

        /// <summary>Runs a query as one request and returns what the cache did for it.</summary>
        public async Task<(T Result, QueryCacheOutcome? Outcome)> RequestAsync<T>(Func<CachedDbContext, Task<T>> query, bool noCache = false)
        {
            var requestScope = RequestCacheScope.Begin(noCache);
            var result = await query(Db);
            return (result, requestScope.Outcome);
        }

        public ValueTask DisposeAsync() => scope.DisposeAsync();
    }

    internal sealed class DirectContext(AsyncServiceScope scope) : IAsyncDisposable
    {
        public DirectDbContext Db { get; } = scope.ServiceProvider.GetRequiredService<DirectDbContext>();

        public ValueTask DisposeAsync() => scope.DisposeAsync();
    }
}
