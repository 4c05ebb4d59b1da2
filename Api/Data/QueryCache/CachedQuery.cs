using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Api.Data.QueryCache;

/// <summary>
/// <c>EF.CompileAsyncQuery</c> for the cached handle's hottest reads. Every query on the cached handle is cached
/// already; on a hit, EF Core still builds a command, raises its interceptor events, reads the cached rows and
/// materializes a new object, which costs more than the cache itself. A query compiled here also keeps the object it
/// materialized beside the cache entry it came from, and hands that same object to the next caller with the same
/// parameters for as long as the entry would be served as a fresh L1 hit: same tables unchanged, same
/// <see cref="QueryCacheOptions.MaxAge"/>, same opt-outs. Anything else (a stale entry, a bypass, a transaction, the
/// direct handle, the cache disabled) runs the compiled query as usual.
/// </summary>
/// <remarks>
/// The object is shared between callers, so the result type must be immutable (a record with positional or init-only
/// properties, strings, numbers...), and the parameters must be all the query depends on: no captured variables, no
/// members of the context other than its sets, no clock. Both are checked here, with an exception naming what breaks
/// them. A model with query filters (which read the context) is never memoized, nor a query returning entities (even
/// immutable records: the context tracking one writes into it).
/// </remarks>
public static class CachedQuery
{
    public static Func<TContext, TParam, CancellationToken, Task<TResult>> Compile<TContext, TParam, TResult>(
        Expression<Func<TContext, TParam, CancellationToken, TResult>> query)
        where TContext : DbContext
    {
        var run = EF.CompileAsyncQuery(Checked(query));
        var memoized = new MemoizedQuery<TContext, TResult>(typeof(TResult));
        return (db, parameter, cancellationToken) => memoized.ExecuteAsync(db, parameter, run, cancellationToken);
    }

    public static Func<TContext, TParam1, TParam2, CancellationToken, Task<TResult>> Compile<TContext, TParam1, TParam2, TResult>(
        Expression<Func<TContext, TParam1, TParam2, CancellationToken, TResult>> query)
        where TContext : DbContext
    {
        var compiled = EF.CompileAsyncQuery(Checked(query));
        Func<TContext, (TParam1, TParam2), CancellationToken, Task<TResult>> run =
            (db, parameters, cancellationToken) => compiled(db, parameters.Item1, parameters.Item2, cancellationToken);
        var memoized = new MemoizedQuery<TContext, TResult>(typeof(TResult));
        return (db, first, second, cancellationToken) => memoized.ExecuteAsync(db, (first, second), run, cancellationToken);
    }

    /// <summary>A list read: its rows as a read-only list, the same list to every caller with the same parameter.</summary>
    public static Func<TContext, TParam, CancellationToken, Task<IReadOnlyList<TElement>>> CompileList<TContext, TParam, TElement>(
        Expression<Func<TContext, TParam, IQueryable<TElement>>> query)
        where TContext : DbContext
    {
        var compiled = EF.CompileAsyncQuery(Checked(query, typeof(TElement)));
        Func<TContext, TParam, CancellationToken, Task<IReadOnlyList<TElement>>> run = async (db, parameter, cancellationToken) =>
        {
            var rows = new List<TElement>();
            await foreach (var row in compiled(db, parameter).WithCancellation(cancellationToken))
            {
                rows.Add(row);
            }

            // Only the wrapper holds the list: no caller can change what the next one gets.
            return rows.AsReadOnly();
        };
        var memoized = new MemoizedQuery<TContext, IReadOnlyList<TElement>>(typeof(TElement));
        return (db, parameter, cancellationToken) => memoized.ExecuteAsync(db, parameter, run, cancellationToken);
    }

    private static T Checked<T>(T query, Type? shared = null)
        where T : LambdaExpression
    {
        ArgumentNullException.ThrowIfNull(query);
        MemoizationRules.ThrowIfBroken(query, shared ?? query.ReturnType);
        return query;
    }
}
