using AppHost.Orchestration.Testing;

namespace Tests.AppHost;

public sealed class CacheServerTests
{
    [Fact]
    public async Task GarnetFromTheToolManifestServesTheCacheWithItsPassword()
    {
        var builder = DistributedApplicationTestingBuilder.Create(["--AppHost:CacheServer=garnet"]);
        builder.AddRedis("cache");
        await using var app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);

        var cache = await app.ResourceNotifications.WaitForResourceHealthyAsync("cache", TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.Equal(HealthStatus.Healthy, cache.Health);
        Assert.Contains(app.ConsoleLogs.GetLines("apphost"), l => l.Text.StartsWith("cache: using Garnet", StringComparison.Ordinal));
        Assert.DoesNotContain(app.ConsoleLogs.GetLines("cache"), l => l.Text.Contains(app.GetConnectionString("cache")!.Split("password=")[1], StringComparison.Ordinal));
    }

    [Fact]
    public void AnUnknownCacheServerSettingIsAClearError()
    {
        var error = Assert.Throws<DistributedApplicationException>(() => CacheServer.Choose("memcached"));
        Assert.Equal("AppHost:CacheServer 'memcached' is unknown: use 'redis' or 'garnet'.", error.Message);
    }
}
