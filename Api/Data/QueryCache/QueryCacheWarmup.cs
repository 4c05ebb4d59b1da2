namespace Api.Data.QueryCache;

/// <summary>Subscribes and loads the table versions at start-up, so the first requests are not all bypasses.</summary>
internal sealed class QueryCacheWarmup(InvalidationBus bus) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = bus.IsReady;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
