using Api.Data.QueryCache;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using StackExchange.Redis;
using Tests.Infrastructure;

namespace Tests.QueryCache;

/// <summary>
/// An instance reports its cache healthy only once its query cache has loaded the table versions since it started: until
/// then every cached read goes to PostgreSQL, so a replica that answered /health with 200 would still be serving without
/// its cache.
/// </summary>
public sealed class QueryCacheHealthTests(SharedApp shared, PrivateDatabase database) : IClassFixture<PrivateDatabase>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheCacheIsUnhealthyWhileTheQueryCacheCannotLoadItsTableVersionsAndHealthyOnceItHas()
    {
        // The table versions' key overwritten with a value of another type: the instance connects and its PING
        // answers, but the versions cannot be loaded.
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        var versionsKey = new CacheNamespace(dataSource, new QueryCacheOptions()).VersionsKey;
        await using var cacheServer = await ConnectionMultiplexer.ConnectAsync(shared.App.GetConnectionString("cache")!);
        await cacheServer.GetDatabase().StringSetAsync(versionsKey, "not a hash");

        await using var instance = await InProcessApiInstance.StartWithoutWaitingAsync(
            database.ConnectionString, shared.App, ("QueryCache:CacheServerBreakDuration", "00:00:00.200"));
        var health = instance.Services.GetRequiredService<HealthCheckService>();

        var broken = await health.CheckHealthAsync(check => check.Name == "cache", Ct);
        Assert.Equal(HealthStatus.Unhealthy, broken.Status);
        Assert.Equal("The query cache has not loaded the table versions from the cache server yet: cached reads go to PostgreSQL.", broken.Entries["cache"].Description);

        await cacheServer.GetDatabase().KeyDeleteAsync(versionsKey);
        HealthReport report;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            report = await health.CheckHealthAsync(check => check.Name == "cache", Ct);
        }
        while (report.Status != HealthStatus.Healthy && DateTime.UtcNow < deadline);

        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.True(instance.Services.GetRequiredService<InvalidationBus>().IsReady);
    }
}
