namespace Api.Data.QueryCache;

/// <summary>One cached result with what decides whether it may still be served.</summary>
internal sealed class CacheEntry(BufferedResult result, VersionStamp stamp, DateTimeOffset createdAt)
{
    public BufferedResult Result { get; } = result;

    public VersionStamp Stamp { get; } = stamp;

    public DateTimeOffset CreatedAt { get; } = createdAt;
}
