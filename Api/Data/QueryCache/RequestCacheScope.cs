namespace Api.Data.QueryCache;

/// <summary>
/// What one request asked of the cache and what the cache did for its queries. Flows with the request's async
/// context, so queries run deep inside an endpoint report here without the endpoint knowing.
/// </summary>
public sealed class RequestCacheScope
{
    private static readonly AsyncLocal<RequestCacheScope?> CurrentScope = new();

    private int worst = -1;

    public static RequestCacheScope? Current => CurrentScope.Value;

    /// <summary>The client sent <c>Cache-Control: no-cache</c>: its reads go to PostgreSQL.</summary>
    public bool NoCache { get; init; }

    /// <summary>The worst outcome so far, or null when the request used no cached handle.</summary>
    public QueryCacheOutcome? Outcome => worst < 0 ? null : (QueryCacheOutcome)worst;

    public static RequestCacheScope Begin(bool noCache) => CurrentScope.Value = new RequestCacheScope { NoCache = noCache };

    public void Record(QueryCacheOutcome outcome)
    {
        var value = (int)outcome;
        int seen;
        while ((seen = Volatile.Read(ref worst)) < value && Interlocked.CompareExchange(ref worst, value, seen) != seen)
        {
        }
    }
}
