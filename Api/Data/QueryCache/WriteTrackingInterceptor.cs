using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Api.Data.QueryCache;

/// <summary>
/// On both handles, learns from each command's text which tables it wrote (SaveChanges, ExecuteUpdate/ExecuteDelete,
/// raw SQL) and announces them once they are committed: at once for a command outside a transaction (after its
/// reader is closed, for a write that returns rows), at commit for one inside, never for a rolled-back one.
/// The write's request waits for the announcement, so its own next read never sees the old result.
/// </summary>
internal sealed class WriteTrackingInterceptor(WriteAnalyzer analyzer, InvalidationBus bus) : DbCommandInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbTransaction, HashSet<string>> uncommitted = [];
    private readonly ConditionalWeakTable<DbCommand, IReadOnlyCollection<string>> readersOpen = [];
    private CascadeMap? cascades;

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Track(command, eventData)?.GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await (Track(command, eventData) ?? Task.CompletedTask);
        return result;
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Track(command, eventData)?.GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        await (Track(command, eventData) ?? Task.CompletedTask);
        return result;
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        TrackUntilReaderCloses(command, eventData);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        TrackUntilReaderCloses(command, eventData);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        AnnounceClosedReader(command)?.GetAwaiter().GetResult();
        return result;
    }

    public override async ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        await (AnnounceClosedReader(command) ?? Task.CompletedTask);
        return result;
    }

    public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        // Disposing without closing first has no asynchronous hook; the announcement must still happen.
        _ = AnnounceClosedReader(command);
        return result;
    }

    public async Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (uncommitted.TryGetValue(transaction, out var tables))
        {
            uncommitted.Remove(transaction);
            await bus.AnnounceAsync(tables);
        }
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        TransactionCommittedAsync(transaction, eventData).GetAwaiter().GetResult();

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => uncommitted.Remove(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        uncommitted.Remove(transaction);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => uncommitted.Remove(transaction);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        uncommitted.Remove(transaction);
        return Task.CompletedTask;
    }

    /// <summary>Announces a committed write now, or keeps it for the transaction's commit; null when nothing was written.</summary>
    private Task? Track(DbCommand command, CommandEventData eventData)
    {
        var tables = TablesWritten(command, eventData);
        if (tables is null)
        {
            return null;
        }

        if (command.Transaction is { } transaction)
        {
            uncommitted.GetValue(transaction, _ => new HashSet<string>(StringComparer.Ordinal)).UnionWith(tables);
            return null;
        }

        return bus.AnnounceAsync(tables);
    }

    private void TrackUntilReaderCloses(DbCommand command, CommandEventData eventData)
    {
        var tables = TablesWritten(command, eventData);
        if (tables is null)
        {
            return;
        }

        if (command.Transaction is { } transaction)
        {
            uncommitted.GetValue(transaction, _ => new HashSet<string>(StringComparer.Ordinal)).UnionWith(tables);
        }
        else
        {
            // Rows of an INSERT ... RETURNING may stream before the statement completes: announce after.
            readersOpen.AddOrUpdate(command, tables);
        }
    }

    private Task? AnnounceClosedReader(DbCommand command)
    {
        if (!readersOpen.TryGetValue(command, out var tables))
        {
            return null;
        }

        readersOpen.Remove(command);
        return bus.AnnounceAsync(tables);
    }

    private IReadOnlyCollection<string>? TablesWritten(DbCommand command, CommandEventData eventData)
    {
        var write = analyzer.Analyze(command.CommandText);
        if (!write.IsWrite)
        {
            return null;
        }

        cascades ??= eventData.Context is { } context ? CascadeMap.From(context.Model) : null;
        return cascades?.Expand(write) ?? (write.Everything ? [TableVersions.Everything] : write.Tables);
    }
}
