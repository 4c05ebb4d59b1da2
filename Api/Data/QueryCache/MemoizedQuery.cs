using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Api.Data.QueryCache;

/// <summary>One <see cref="CachedQuery"/>: the lookup of what it materialized before, around its compiled query.</summary>
/// <param name="shared">What callers share: the result's type, or a list's element type.</param>
internal sealed class MemoizedQuery<TContext, TResult>(Type shared)
    where TContext : DbContext
{
    // Per options, not per context type: each configuration of a handle (a test's own instance, say) has its own cache.
    private readonly ConditionalWeakTable<IDbContextOptions, QueryResultCache?> cacheOfOptions = [];

    /// <param name="parameters">The query's parameters: one value, or a tuple of them; equal values, same result.</param>
    public Task<TResult> ExecuteAsync<TParameters>(
        TContext db, TParameters parameters, Func<TContext, TParameters, CancellationToken, Task<TResult>> run, CancellationToken cancellationToken)
    {
        // Inside a transaction the cache steps aside (the transaction may see its own uncommitted writes); so does this.
        var cache = CacheOf(db);
        if (cache is null || db.Database.CurrentTransaction is not null || System.Transactions.Transaction.Current is not null)
        {
            return run(db, parameters, cancellationToken);
        }

        var key = new MaterializedKey(this, parameters);
        return cache.TryGetMaterialized(key, out var value)
            ? Task.FromResult((TResult)value!)
            : RunAndRememberAsync(cache, key, db, parameters, run, cancellationToken);
    }

    private static async Task<TResult> RunAndRememberAsync<TParameters>(
        QueryResultCache cache, MaterializedKey key, TContext db, TParameters parameters, Func<TContext, TParameters, CancellationToken, Task<TResult>> run, CancellationToken cancellationToken)
    {
        var capture = ServedEntryCapture.Begin();
        var result = await run(db, parameters, cancellationToken);
        cache.RememberMaterialized(key, capture, result);
        return result;
    }

    private QueryResultCache? CacheOf(TContext db)
    {
        var options = db.GetService<IDbContextOptions>();
        if (cacheOfOptions.TryGetValue(options, out var cache))
        {
            return cache;
        }

        cache = Memoizable(db.Model) ? options.FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<QueryCacheInterceptor>().FirstOrDefault()?.Cache : null;
        cacheOfOptions.AddOrUpdate(options, cache);
        return cache;
    }

    private bool Memoizable(IModel model) =>
        // A query filter reads the context (a tenant, a user) into every query: the parameters alone are not the key.
        !model.GetEntityTypes().Any(type => type.GetDeclaredQueryFilters().Count > 0)
        // An entity, even an immutable record, belongs to the context that tracks it, which writes into it (keys,
        // navigations fixed up, store-generated values): one instance cannot go to every caller.
        && !model.GetEntityTypes().Any(type => type.ClrType == shared);
}
