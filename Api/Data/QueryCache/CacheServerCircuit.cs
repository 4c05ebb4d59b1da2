using StackExchange.Redis;

namespace Api.Data.QueryCache;

/// <summary>
/// Whether the cache server may be used right now. Any failure or timeout opens the circuit for a short break, during
/// which every read goes to PostgreSQL without waiting on the cache server; afterwards it is tried again.
/// </summary>
internal sealed class CacheServerCircuit(IConnectionMultiplexer connection, QueryCacheOptions options, TimeProvider clock, QueryCacheTelemetry telemetry)
{
    private long openUntilTicks;

    /// <summary>Raised once each time the circuit opens: results cached meanwhile can no longer be trusted.</summary>
    public event Action? Opened;

    public bool IsOpen => !connection.IsConnected || clock.GetUtcNow().UtcTicks < Interlocked.Read(ref openUntilTicks);

    public void Trip(string operation)
    {
        telemetry.CacheServerError(operation);
        var now = clock.GetUtcNow().UtcTicks;
        var previous = Interlocked.Exchange(ref openUntilTicks, now + options.CacheServerBreakDuration.Ticks);
        if (previous < now)
        {
            Opened?.Invoke();
        }
    }
}
