using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Api.Data.QueryCache;

/// <summary>
/// Hooks the query cache under every query of the cached handle: EF Core asks for a data reader, and gets either a
/// buffered one from the cache or, for a query the cache must not touch, the real one from PostgreSQL.
/// </summary>
internal sealed class QueryCacheInterceptor(QueryResultCache cache) : DbCommandInterceptor
{
    /// <summary>The cache behind this handle, for <see cref="CachedQuery"/>.</summary>
    public QueryResultCache Cache => cache;

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(eventData);

        // EF Core's synchronous API has no asynchronous hook to call; the cache's I/O is asynchronous.
        var reader = cache.ReadAsync(command, System.Data.CommandBehavior.Default, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        if (reader is not null)
        {
            return InterceptionResult<DbDataReader>.SuppressWithResult(reader);
        }

        LazyConnectionInterceptor.EnsureOpen(command.Connection!);
        return result;
    }

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(eventData);

        var reader = await cache.ReadAsync(command, System.Data.CommandBehavior.Default, cancellationToken);
        if (reader is not null)
        {
            return InterceptionResult<DbDataReader>.SuppressWithResult(reader);
        }

        await LazyConnectionInterceptor.EnsureOpenAsync(command.Connection!, cancellationToken);
        return result;
    }
}
