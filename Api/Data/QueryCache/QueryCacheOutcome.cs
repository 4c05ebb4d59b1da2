namespace Api.Data.QueryCache;

/// <summary>What the cache did for a query, from best to worst (a request reports its worst).</summary>
public enum QueryCacheOutcome
{
    Hit,
    Stale,
    Miss,
    Bypass,
}
