namespace Api.Data.QueryCache;

/// <summary>The cached handle's settings, bound from the <c>QueryCache</c> configuration section.</summary>
public sealed class QueryCacheOptions
{
    public const string SectionName = "QueryCache";

    /// <summary>Off: the cached handle reads straight from PostgreSQL, like the direct one.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long a result is served as fresh when no write through the application touched its tables.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>After <see cref="MaxAge"/>, how long a result is still returned at once while one background query refreshes it.</summary>
    public TimeSpan StaleWhileRevalidate { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>After that, how long a result may still be served (stale) when PostgreSQL cannot be reached.</summary>
    public TimeSpan FailSafe { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Results bigger than this are returned to the query but not cached.</summary>
    public long MaxResultBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// Off (the default): every result is written to the cache server (L2) as soon as it is read, so any instance can
    /// serve it next, even while PostgreSQL is down. On: a result is written there, and announced to every instance,
    /// once it is read a second time, on this instance or any other; its first read is only announced (eight bytes in
    /// the next batch). Results read once (a parameter no one asks for again) then cost the cache server nothing, and
    /// a miss costs less; but a result read on two instances is read from PostgreSQL by both, and one read only once
    /// is not there for the other instances while PostgreSQL is down. For deployments dominated by one-off queries.
    /// </summary>
    public bool ShareOnlyReusedResults { get; set; }

    /// <summary>
    /// The database schema the results are read with (the API sets its latest migration). Results stored on the cache
    /// server under another value are never read: a release whose migrations changed a column's type must not get the
    /// rows an older release cached with the old type. Writes invalidate across values, and so across releases.
    /// </summary>
    public string SchemaVersion { get; set; } = "";

    /// <summary>The in-process (L1) cache's budget.</summary>
    public long MemoryLimitBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>The longest a request waits for the cache server before reading from PostgreSQL instead.</summary>
    public TimeSpan CacheServerTimeout { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// How often the cache server is sent a PING: a server that stops answering is noticed within this
    /// plus <see cref="CacheServerTimeout"/>, even by an instance that is serving only in-process hits.
    /// </summary>
    public TimeSpan CacheServerHeartbeat { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>After a cache-server failure, how long the cache is bypassed before it is tried again.</summary>
    public TimeSpan CacheServerBreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan RetainFor => MaxAge + StaleWhileRevalidate + FailSafe;
}
