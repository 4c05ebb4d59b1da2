namespace Api.Data.QueryCache;

/// <summary>One cached result with what decides whether it may still be served.</summary>
internal sealed class CacheEntry(BufferedResult result, VersionStamp stamp, DateTimeOffset createdAt, bool onCacheServer = false)
{
    private int onCacheServer = onCacheServer ? 1 : 0;

    public BufferedResult Result { get; } = result;

    public VersionStamp Stamp { get; } = stamp;

    public DateTimeOffset CreatedAt { get; } = createdAt;

    /// <summary>True the first time only: the caller is the one to write it to the cache server.</summary>
    /// <remarks>Read before the exchange: every hit asks, and a write to the entry on each would bounce its cache line between cores.</remarks>
    public bool ClaimCacheServerWrite() => Volatile.Read(ref onCacheServer) == 0 && Interlocked.Exchange(ref onCacheServer, 1) == 0;
}
