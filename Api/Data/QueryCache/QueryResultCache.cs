using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Npgsql;

namespace Api.Data.QueryCache;

/// <summary>
/// The read path: answers an eligible query from L1, then L2, else runs it once (however many callers miss together)
/// and stores the result stamped with the table versions taken before it ran. Stale results are served at once and
/// refreshed by one background query per key; when PostgreSQL is unreachable, a result within the fail-safe window
/// is served instead of an error.
/// </summary>
internal sealed partial class QueryResultCache(
    ReadAnalyzer analyzer,
    TableVersions versions,
    QueryResultStore store,
    InvalidationBus bus,
    NpgsqlDataSource dataSource,
    QueryCacheOptions options,
    QueryCacheTelemetry telemetry,
    TimeProvider clock,
    ILogger<QueryResultCache> logger)
{
    private readonly ConcurrentDictionary<string, InFlightQuery> inFlight = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> refreshing = new(StringComparer.Ordinal);

    /// <summary>A reader over the cached or freshly buffered result; null when the command must run untouched.</summary>
    public async ValueTask<DbDataReader?> ReadAsync(DbCommand command, CommandBehavior behavior, CancellationToken cancellationToken)
    {
        var analysis = analyzer.Analyze(command.CommandText);
        var bypassReason = BypassReasonFor(command, analysis);
        if (bypassReason is not null)
        {
            telemetry.Lookup(QueryCacheOutcome.Bypass, bypassReason);
            ServedEntryCapture.Current?.Other();
            return null;
        }

        var key = QueryCacheKey.For(analysis.TextDigest, command);
        var (entry, level, sharedKey) = await FindAsync(key);
        var age = entry is null ? TimeSpan.MaxValue : clock.GetUtcNow() - entry.CreatedAt;
        var capture = ServedEntryCapture.Current;
        if (entry is not null && age < options.MaxAge)
        {
            telemetry.Lookup(QueryCacheOutcome.Hit, level: level);
            store.Reused(key, entry);
            capture?.Fresh(key, entry);
            return new BufferedDataReader(entry.Result);
        }

        if (entry is not null && age < options.MaxAge + options.StaleWhileRevalidate)
        {
            telemetry.Lookup(QueryCacheOutcome.Stale, level: level);
            capture?.Other();
            store.Reused(key, entry);
            RefreshInBackground(key, sharedKey, command, analysis);
            return new BufferedDataReader(entry.Result);
        }

        try
        {
            var (result, stored, outcome, reason) = await LoadAsync(key, sharedKey, command, behavior, analysis, cancellationToken);
            telemetry.Lookup(outcome, reason);
            if (stored is null)
            {
                capture?.Other();
            }
            else
            {
                capture?.Fresh(key, stored);
            }

            return new BufferedDataReader(result);
        }
        catch (Exception exception) when (entry is not null && IsDatabaseUnreachable(exception))
        {
            // The fail-safe: an answer that was right a little while ago beats an error while PostgreSQL is away.
            telemetry.Lookup(QueryCacheOutcome.Stale, "fail-safe", level);
            capture?.Other();
            return new BufferedDataReader(entry.Result);
        }
        catch
        {
            telemetry.Lookup(QueryCacheOutcome.Miss);
            throw;
        }
    }

    /// <summary>
    /// What a <see cref="CachedQuery"/> materialized before for this key, when its entry would be served as a fresh hit
    /// now (the same checks as an L1 hit): counted as one, without EF Core building a command.
    /// </summary>
    public bool TryGetMaterialized(MaterializedKey key, out object? value)
    {
        value = null;
        if (RequestBypassReason() is not null || store.GetMaterialized(key) is not { } found || !IsFresh(found.Entry))
        {
            return false;
        }

        telemetry.Lookup(QueryCacheOutcome.Hit, level: "l1");
        store.Reused(found.Key, found.Entry);
        value = found.Value;
        return true;
    }

    /// <summary>Keeps what a <see cref="CachedQuery"/> materialized, if its one read was answered fresh from one entry.</summary>
    public void RememberMaterialized(MaterializedKey key, ServedEntryCapture capture, object? value)
    {
        if (capture.Memoizable is var (entryKey, entry) && versions.IsCurrent(entry.Stamp))
        {
            store.PutMaterialized(key, new MaterializedResult(entryKey, entry, value));
        }
    }

    /// <summary>
    /// Connection-level failures (refused, reset, timed out, server shutting down or out of connections), as opposed
    /// to a query PostgreSQL answered with an error.
    /// </summary>
    public static bool IsDatabaseUnreachable(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("57P", StringComparison.Ordinal)
            || postgres.SqlState.StartsWith("53", StringComparison.Ordinal),
        NpgsqlException or TimeoutException => true,
        _ => false,
    };

    private string? BypassReasonFor(DbCommand command, ReadAnalysis analysis)
    {
        if (command.Transaction is not null)
        {
            return BypassReason.Transaction;
        }

        if (!analysis.IsCacheable)
        {
            return analysis.BypassReason;
        }

        return RequestBypassReason();
    }

    /// <summary>Why this request's reads skip the cache whatever they are: its opt-out, or no cache server.</summary>
    private string? RequestBypassReason() =>
        RequestCacheScope.Current?.NoCache == true ? BypassReason.RequestNoCache
        : bus.IsReady ? null
        : BypassReason.CacheUnavailable;

    /// <summary>Served as a hit: its tables unchanged since it was read, and younger than MaxAge.</summary>
    private bool IsFresh(CacheEntry entry) => versions.IsCurrent(entry.Stamp) && clock.GetUtcNow() - entry.CreatedAt < options.MaxAge;

    /// <summary>
    /// The freshest entry whose tables are unchanged: L1 first, L2 when L1 has none or only an old one. The key on the
    /// cache server is computed only then, once, for whatever follows (a lookup, a refresh, a store): null on a fresh L1 hit.
    /// </summary>
    private async ValueTask<(CacheEntry? Entry, string Level, string? SharedKey)> FindAsync(string key)
    {
        var local = store.GetFromMemory(key);
        if (local is not null && IsFresh(local))
        {
            return (local, "l1", null);
        }

        var sharedKey = store.SharedKeyOf(key);
        var shared = await store.GetFromServerAsync(key, sharedKey);
        if (shared is not null && versions.IsCurrent(shared.Stamp) && (local is null || shared.CreatedAt > local.CreatedAt || !versions.IsCurrent(local.Stamp)))
        {
            return (shared, "l2", sharedKey);
        }

        return local is not null && versions.IsCurrent(local.Stamp) ? (local, "l1", sharedKey) : (null, "none", sharedKey);
    }

    /// <summary>Runs the query, or joins the run already in flight for the same key if that one saw the latest writes.</summary>
    private async Task<(BufferedResult Result, CacheEntry? Stored, QueryCacheOutcome Outcome, string? Reason)> LoadAsync(
        string key, string? sharedKey, DbCommand command, CommandBehavior behavior, ReadAnalysis analysis, CancellationToken cancellationToken)
    {
        var stamp = analysis.LastStamp = versions.Capture(analysis.TablesRead, analysis.LastStamp);
        var completion = new TaskCompletionSource<BufferedResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        var mine = new InFlightQuery(stamp, completion.Task);
        while (!inFlight.TryAdd(key, mine))
        {
            if (!inFlight.TryGetValue(key, out var running))
            {
                continue;
            }

            if (!versions.IsCurrent(running.Stamp))
            {
                // That run may predate a write this caller must see: replace it with this one.
                if (inFlight.TryUpdate(key, mine, running))
                {
                    break;
                }

                continue;
            }

            try
            {
                return (await running.Result.WaitAsync(cancellationToken), null, QueryCacheOutcome.Miss, null);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The leader's failure (its request cancelled, say) is not this caller's: run the query itself.
                inFlight.TryRemove(new KeyValuePair<string, InFlightQuery>(key, running));
            }
        }

        // A run that finished between this caller's lookup and now has stored its result.
        if (store.GetFromMemory(key) is { } stored && IsFresh(stored))
        {
            inFlight.TryRemove(new KeyValuePair<string, InFlightQuery>(key, mine));
            completion.SetResult(stored.Result);
            return (stored.Result, stored, QueryCacheOutcome.Hit, null);
        }

        try
        {
            await LazyConnectionInterceptor.EnsureOpenAsync(command.Connection!, cancellationToken);
            BufferedResult result;
            await using (var reader = await command.ExecuteReaderAsync(behavior, cancellationToken))
            {
                telemetry.DatabaseQuery("miss");
                result = await ResultBuffering.ReadAllAsync(reader, analysis, cancellationToken);
            }

            var (entry, notStored) = Store(key, sharedKey, result, stamp, reused: false);
            completion.SetResult(result);
            return (result, entry, notStored is null ? QueryCacheOutcome.Miss : QueryCacheOutcome.Bypass, notStored);
        }
        catch (Exception exception)
        {
            completion.SetException(exception);
            _ = completion.Task.Exception;
            throw;
        }
        finally
        {
            inFlight.TryRemove(new KeyValuePair<string, InFlightQuery>(key, mine));
        }
    }

    /// <summary>
    /// Stores the result unless it is too big, holds a type L2 cannot keep, or is already out of date; returns the entry
    /// stored, and the reason a result that can never be cached was not.
    /// </summary>
    private (CacheEntry? Stored, string? NotCacheable) Store(string key, string? sharedKey, BufferedResult result, VersionStamp stamp, bool reused)
    {
        if (result.SizeInBytes > options.MaxResultBytes)
        {
            return (null, BypassReason.TooLarge);
        }

        if (!CacheEntrySerializer.CanSerialize(result))
        {
            return (null, BypassReason.UnsupportedType);
        }

        // A write committed while the query ran: its result is already out of date, keep nothing.
        if (!versions.IsCurrent(stamp))
        {
            return (null, null);
        }

        var entry = new CacheEntry(result, stamp, clock.GetUtcNow());
        store.Put(key, sharedKey ?? store.SharedKeyOf(key), entry, reused);
        return (entry, null);
    }

    private void RefreshInBackground(string key, string? sharedKey, DbCommand command, ReadAnalysis analysis)
    {
        if (!refreshing.TryAdd(key, true))
        {
            return;
        }

        // The request's command and connection go back to their pool when it ends: the refresh gets its own.
        var copy = dataSource.CreateCommand(command.CommandText);
        foreach (NpgsqlParameter parameter in command.Parameters)
        {
            copy.Parameters.Add(parameter.Clone());
        }

        _ = Task.Run(async () =>
        {
            try
            {
                // A reader that saw the old entry just before the previous refresh landed has nothing to refresh.
                if (store.GetFromMemory(key) is { } current && IsFresh(current))
                {
                    return;
                }

                var stamp = analysis.LastStamp = versions.Capture(analysis.TablesRead, analysis.LastStamp);
                await using var reader = await copy.ExecuteReaderAsync();
                telemetry.DatabaseQuery("refresh");
                // Refreshed because it was read stale: a result in use, shared at once.
                _ = Store(key, sharedKey, await ResultBuffering.ReadAllAsync(reader, analysis, CancellationToken.None), stamp, reused: true);
            }
            catch (Exception exception) when (exception is DbException or TimeoutException)
            {
                LogRefreshFailed(logger, exception.Message);
            }
            finally
            {
                await copy.DisposeAsync();
                refreshing.TryRemove(key, out _);
            }
        });
    }

    private sealed record InFlightQuery(VersionStamp Stamp, Task<BufferedResult> Result);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Query cache: a background refresh failed ({Reason}); the stale result stays until it expires.")]
    private static partial void LogRefreshFailed(ILogger logger, string reason);
}
