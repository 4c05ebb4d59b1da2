using StackExchange.Redis;

namespace Api.Data.QueryCache;

/// <summary>
/// Notices a cache server that stopped answering even when no request asks it anything. An instance serving only L1
/// hits sends the cache server nothing, yet it must stop trusting them once invalidations can no longer reach it: a
/// PING every <see cref="QueryCacheOptions.CacheServerHeartbeat"/>, and one unanswered after
/// <see cref="QueryCacheOptions.CacheServerTimeout"/> opens the circuit (L1 dropped, reads bypass the cache until the
/// server answers again). A frozen server is noticed within the sum of the two, 0.6 s by default.
/// </summary>
internal sealed class CacheServerHeartbeat(IServiceProvider services, QueryCacheOptions options, TimeProvider clock) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        // Resolved here, off the host's start path: the first resolution connects to the cache server.
        await Task.Yield();
        var connection = services.GetRequiredService<IConnectionMultiplexer>();
        var circuit = services.GetRequiredService<CacheServerCircuit>();
        using var timer = new PeriodicTimer(options.CacheServerHeartbeat, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // An open circuit is tried again by the invalidation bus when its break ends.
            if (circuit.IsOpen)
            {
                continue;
            }

            try
            {
                // Task.Run: with the server frozen, the client can block the caller while it waits for its write lock.
                await Task.Run(() => connection.GetDatabase().PingAsync(), stoppingToken).WaitAsync(options.CacheServerTimeout, clock, stoppingToken);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                circuit.Trip("ping");
            }
        }
    }
}
