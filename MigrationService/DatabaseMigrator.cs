using Db;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MigrationService;

internal static partial class DatabaseMigrator
{
    /// <summary>
    /// Applies pending migrations and logs each one; callers hold the <see cref="MigrationLock"/> and pass its
    /// connection. Each pending migration runs from its SQL script (<see cref="MigrationScripts"/>), with no EF Core
    /// model built; from the first one without an up-to-date script on, EF Core's migrator applies the rest. Nothing
    /// pending, the usual case, costs one query. <paramref name="checkModel"/>: refuse, as EF Core does, a model that
    /// changed without a migration (deployed environments; in development the tests and `db check` say so).
    /// </summary>
    public static Task MigrateAsync(
        NpgsqlConnection connection, Func<AppDbContext> createContext, bool checkModel, ILogger logger, CancellationToken cancellationToken) =>
        MigrateAsync(connection, createContext, checkModel, MigrationScripts.FreshScriptFor, logger, cancellationToken);

    /// <summary>As above, with the scripts found by <paramref name="scriptFor"/> (tests take some away).</summary>
    public static async Task MigrateAsync(
        NpgsqlConnection connection, Func<AppDbContext> createContext, bool checkModel, Func<string, string?> scriptFor, ILogger logger,
        CancellationToken cancellationToken)
    {
        var pending = await MigrationHistory.PendingAsync(connection, cancellationToken);
        if (pending.Count == 0)
        {
            LogUpToDate(logger);
            return;
        }

        if (checkModel && createContext().Database.HasPendingModelChanges())
        {
            throw new InvalidOperationException(
                "the model has changes that no migration holds; add one with `dotnet run --project MigrationService -- generate <Name>` and deploy it.");
        }

        var applied = 0;
        for (; applied < pending.Count && scriptFor(pending[applied]) is { } script; applied++)
        {
            // The script holds its own transaction and history row, as EF Core's migrator would run them.
            await using var command = new NpgsqlCommand(script, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(cancellationToken);
            LogApplied(logger, pending[applied], "its SQL script");
        }

        if (applied == pending.Count)
        {
            return;
        }

        LogNoScript(logger, pending[applied]);
        var db = createContext();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(() => db.Database.MigrateAsync(cancellationToken));
        foreach (var migration in pending.Skip(applied))
        {
            LogApplied(logger, migration, "EF Core's migrator");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Migration} from {Source}")]
    private static partial void LogApplied(ILogger logger, string migration, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database schema is up to date; no migration to apply")]
    private static partial void LogUpToDate(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Migration {Migration} has no SQL script written from its current source: EF Core's migrator applies it and those after it "
        + "(about half a second more). Run `dotnet run --project MigrationService -- generate --sql-only` to write the scripts.")]
    private static partial void LogNoScript(ILogger logger, string migration);
}
