namespace Api.Data.QueryCache;

/// <summary>A memoized query's result for one set of parameter values: the query's identity and the values.</summary>
internal sealed record MaterializedKey(object Query, object? Parameters);

/// <summary>What a memoized query materialized from a cache entry (kept by its L1 key), served while the entry would be.</summary>
internal sealed record MaterializedResult(string Key, CacheEntry Entry, object? Value);
