using Db;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MigrationService;

internal static partial class DatabaseMigrator
{
    /// <summary>Applies pending migrations and logs each one; callers hold the <see cref="MigrationLock"/>.</summary>
    public static async Task MigrateAsync(AppDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        var applied = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            // A fresh database has no history table, and EF logs its failed read of that table as an error.
            await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();

            // MigrateAsync first diffs the model against the migrations' snapshot (~1 s on every start, the bulk of
            // this worker's time) even when nothing is pending. A model change without a migration is caught by the
            // test suite (Db model has no pending changes) and `dotnet ef migrations has-pending-model-changes`.
            if (pending.Count > 0)
            {
                await db.Database.MigrateAsync(cancellationToken);
            }

            return pending;
        });

        foreach (var migration in applied)
        {
            LogApplied(logger, migration);
        }

        if (applied.Count == 0)
        {
            LogUpToDate(logger);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Migration}")]
    private static partial void LogApplied(ILogger logger, string migration);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is up to date; no migration to apply")]
    private static partial void LogUpToDate(ILogger logger);
}
