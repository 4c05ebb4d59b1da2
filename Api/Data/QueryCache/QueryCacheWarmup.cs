namespace Api.Data.QueryCache;

/// <summary>
/// Subscribes and loads the table versions at start-up, so the first requests are not all bypasses, and starts the
/// cache-server heartbeat.
/// </summary>
internal sealed class QueryCacheWarmup(IServiceProvider services, QueryCacheOptions options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            return Task.CompletedTask;
        }

        // Off the host's start path: the bus's cache-server connection is made when it is first resolved, and Kestrel
        // can start listening meanwhile. One thread-pool thread waits for that connection, not one per component: on
        // two cores more blocked threads starved the pool (the API took seconds longer to answer its first /health).
        _ = Task.Run(
            () =>
            {
                _ = services.GetRequiredService<InvalidationBus>().IsReady;
                services.GetRequiredService<CacheServerHeartbeat>().Start();
            },
            CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
