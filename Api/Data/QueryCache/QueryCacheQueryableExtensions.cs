using Microsoft.EntityFrameworkCore;

namespace Api.Data.QueryCache;

public static class QueryCacheQueryableExtensions
{
    /// <summary>
    /// Sends this query to PostgreSQL even on the cached handle (a tag the cache recognizes, visible in the SQL log).
    /// </summary>
    public static IQueryable<T> WithoutQueryCache<T>(this IQueryable<T> source) => source.TagWith(ReadAnalyzer.OptOutTag);
}
