using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Api.Data.QueryCache;

/// <summary>
/// The cache's OpenTelemetry signals: counters by outcome (with the bypass reason), invalidations, cache-server
/// errors and the queries it actually sent to PostgreSQL; and the outcome as attributes of the current span.
/// </summary>
public sealed class QueryCacheTelemetry : IDisposable
{
    public const string MeterName = "Api.QueryCache";

    private readonly Meter meter;
    private readonly Counter<long> lookups;
    private readonly Counter<long> invalidations;
    private readonly Counter<long> errors;
    private readonly Counter<long> databaseQueries;
    private readonly Histogram<long> invalidationDelay;

    public QueryCacheTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        meter = meterFactory.Create(MeterName);
        lookups = meter.CreateCounter<long>("query_cache.lookups", description: "Reads on the cached handle, by outcome (hit, stale, miss, bypass) and bypass reason.");
        invalidations = meter.CreateCounter<long>("query_cache.invalidations", description: "Tables invalidated by a write, by origin (local or remote instance).");
        errors = meter.CreateCounter<long>("query_cache.errors", description: "Cache-server operations that failed or timed out.");
        invalidationDelay = meter.CreateHistogram<long>("query_cache.invalidation_delay", unit: "ms", description: "From a write's announcement on one instance to its arrival on another.");
        databaseQueries = meter.CreateCounter<long>("query_cache.database_queries", description: "Queries the cache sent to PostgreSQL to fill or refresh an entry.");
    }

    public void Lookup(QueryCacheOutcome outcome, string? reason = null, string? level = null)
    {
        var outcomeName = OutcomeName(outcome);
        lookups.Add(1, new KeyValuePair<string, object?>("outcome", outcomeName), new KeyValuePair<string, object?>("reason", reason), new KeyValuePair<string, object?>("level", level));

        var activity = Activity.Current;
        if (activity is not null)
        {
            activity.SetTag("db.query_cache.outcome", outcomeName);
            if (reason is not null)
            {
                activity.SetTag("db.query_cache.bypass_reason", reason);
            }

            if (level is not null)
            {
                activity.SetTag("db.query_cache.level", level);
            }
        }

        RequestCacheScope.Current?.Record(outcome);
    }

    public void Invalidated(int tables, string origin) =>
        invalidations.Add(tables, new KeyValuePair<string, object?>("origin", origin));

    public void CacheServerError(string operation) =>
        errors.Add(1, new KeyValuePair<string, object?>("operation", operation));

    public void InvalidationDelay(long milliseconds) => invalidationDelay.Record(Math.Max(0, milliseconds));

    public void DatabaseQuery(string purpose) =>
        databaseQueries.Add(1, new KeyValuePair<string, object?>("purpose", purpose));

    public static string OutcomeName(QueryCacheOutcome outcome) => outcome switch
    {
        QueryCacheOutcome.Hit => "hit",
        QueryCacheOutcome.Stale => "stale",
        QueryCacheOutcome.Miss => "miss",
        _ => "bypass",
    };

    public void Dispose() => meter.Dispose();
}
