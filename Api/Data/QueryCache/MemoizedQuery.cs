using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Api.Data.QueryCache;

/// <summary>One <see cref="CachedQuery"/>: the compiled query, and the lookup of what it materialized before.</summary>
internal sealed class MemoizedQuery<TContext, TParam, TResult>(Func<TContext, TParam, CancellationToken, Task<TResult>> compiled)
    where TContext : DbContext
{
    // Per options, not per context type: each configuration of a handle (a test's own instance, say) has its own cache.
    private static readonly ConditionalWeakTable<IDbContextOptions, QueryResultCache?> CacheOfOptions = [];

    public Task<TResult> ExecuteAsync(TContext db, TParam parameter, CancellationToken cancellationToken)
    {
        // Inside a transaction the cache steps aside (the transaction may see its own uncommitted writes); so does this.
        var cache = CacheOf(db);
        if (cache is null || db.Database.CurrentTransaction is not null || System.Transactions.Transaction.Current is not null)
        {
            return compiled(db, parameter, cancellationToken);
        }

        var key = new MaterializedKey(this, parameter);
        return cache.TryGetMaterialized(key, out var value)
            ? Task.FromResult((TResult)value!)
            : ExecuteAndRememberAsync(cache, key, db, parameter, cancellationToken);
    }

    private async Task<TResult> ExecuteAndRememberAsync(QueryResultCache cache, MaterializedKey key, TContext db, TParam parameter, CancellationToken cancellationToken)
    {
        var capture = ServedEntryCapture.Begin();
        var result = await compiled(db, parameter, cancellationToken);
        cache.RememberMaterialized(key, capture, result);
        return result;
    }

    private static QueryResultCache? CacheOf(TContext db)
    {
        var options = db.GetService<IDbContextOptions>();
        if (CacheOfOptions.TryGetValue(options, out var cache))
        {
            return cache;
        }

        // A query filter reads the context (a tenant, a user) into every query: the parameter alone is not the key.
        var filtered = db.Model.GetEntityTypes().Any(type => type.GetDeclaredQueryFilters().Count > 0);
        cache = filtered ? null : options.FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<QueryCacheInterceptor>().FirstOrDefault()?.Cache;
        CacheOfOptions.AddOrUpdate(options, cache);
        return cache;
    }
}
