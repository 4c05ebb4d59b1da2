using Db;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MigrationService;

internal static partial class DatabaseMigrator
{
    /// <summary>
    /// Applies pending migrations and logs each one; callers hold the <see cref="MigrationLock"/> and pass its
    /// connection. The context is only created when something is pending: on most starts nothing is, and reading
    /// the history table directly saves the second of EF Core startup that asking EF would cost.
    /// </summary>
    public static async Task MigrateAsync(
        NpgsqlConnection connection, Func<AppDbContext> createContext, ILogger logger, CancellationToken cancellationToken)
    {
        var pending = await MigrationHistory.PendingAsync(connection, cancellationToken);
        if (pending.Count == 0)
        {
            LogUpToDate(logger);
            return;
        }

        var db = createContext();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(() => db.Database.MigrateAsync(cancellationToken));
        foreach (var migration in pending)
        {
            LogApplied(logger, migration);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Migration}")]
    private static partial void LogApplied(ILogger logger, string migration);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is up to date; no migration to apply")]
    private static partial void LogUpToDate(ILogger logger);
}
