namespace Api.Data.QueryCache;

/// <summary>
/// Which cache entry the reads of one <see cref="CachedQuery"/> execution were answered from, so that the object EF
/// Core materialized from it can be kept beside it. Set by the compiled query around its execution, filled by the read
/// path, flowing between them with the async context.
/// </summary>
internal sealed class ServedEntryCapture
{
    private static readonly AsyncLocal<ServedEntryCapture?> CurrentCapture = new();

    private int reads;

    public static ServedEntryCapture? Current => CurrentCapture.Value;

    /// <summary>The L1 key and entry of the execution's one read, when that read was answered fresh from it.</summary>
    public (string Key, CacheEntry Entry)? Served { get; private set; }

    /// <summary>Only an execution that ran one read, answered fresh from one entry, can be memoized.</summary>
    public (string Key, CacheEntry Entry)? Memoizable => reads == 1 ? Served : null;

    public static ServedEntryCapture Begin() => CurrentCapture.Value = new ServedEntryCapture();

    /// <summary>A read answered fresh: from L1 or L2 on a hit, or stored just now on a miss.</summary>
    public void Fresh(string key, CacheEntry entry)
    {
        reads++;
        Served = (key, entry);
    }

    /// <summary>A read answered otherwise (bypassed, stale, fail-safe, not stored, or joined to another's run).</summary>
    public void Other() => reads++;
}
