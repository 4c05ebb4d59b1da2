using StackExchange.Redis;

namespace Api.Data.QueryCache;

/// <summary>
/// Notices a cache server that stopped answering even when no request asks it anything. An instance serving only L1
/// hits sends the cache server nothing, yet it must stop trusting them once invalidations can no longer reach it: a
/// PING every <see cref="QueryCacheOptions.CacheServerHeartbeat"/>, and one unanswered after
/// <see cref="QueryCacheOptions.CacheServerTimeout"/> opens the circuit (L1 dropped, reads bypass the cache until the
/// server answers again). A frozen server is noticed within the sum of the two, 0.6 s by default.
/// </summary>
internal sealed class CacheServerHeartbeat(IConnectionMultiplexer connection, CacheServerCircuit circuit, QueryCacheOptions options, TimeProvider clock)
    : IDisposable
{
    private readonly PeriodicTimer timer = new(options.CacheServerHeartbeat, clock);
    private int started;

    /// <summary>Starts beating, once; it stops when the host disposes of it.</summary>
    public void Start()
    {
        if (Interlocked.Exchange(ref started, 1) == 0)
        {
            _ = BeatAsync();
        }
    }

    public void Dispose() => timer.Dispose();

    private async Task BeatAsync()
    {
        while (await timer.WaitForNextTickAsync())
        {
            // An open circuit is tried again by the invalidation bus when its break ends.
            if (circuit.IsOpen)
            {
                continue;
            }

            try
            {
                // Task.Run: with the server frozen, the client can block the caller while it waits for its write lock.
                await Task.Run(() => connection.GetDatabase().PingAsync()).WaitAsync(options.CacheServerTimeout, clock);
            }
            catch (Exception exception) when (exception is RedisException or TimeoutException)
            {
                circuit.Trip("ping");
            }
        }
    }
}
