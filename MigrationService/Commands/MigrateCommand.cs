using System.CommandLine;
using System.Diagnostics;
using MigrationService.Targets;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging.Abstractions;

namespace MigrationService.Commands;

/// <summary><c>migrate</c>: applies pending migrations one by one with their durations, under the migration lock.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var yes = CommonOptions.Yes();
        var command = new Command("migrate", "Apply pending migrations, each with its duration. Safe to run concurrently (advisory lock). "
            + "Asks first on staging and prod unless --yes.")
        {
            yes,
        };
        command.SetAction((parse, cancellationToken) =>
            TargetedAction.RunAsync(parse, target => RunAsync(target, parse.GetValue(yes), cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(DatabaseTarget target, bool yes, CancellationToken cancellationToken)
    {
        // A local database is created on first use, as the AppHost's worker does; elsewhere it is provisioned on purpose.
        if (!target.Environment.IsRemote())
        {
            await DatabaseCreator.CreateIfMissingAsync(target.ConnectionString, NullLogger.Instance, cancellationToken);
        }

        await using var migrationLock = await MigrationLock.AcquireAsync(target.ConnectionString, NullLogger.Instance, cancellationToken);
        await using var db = TargetedAction.OpenContext(target);
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count == 0)
        {
            Console.WriteLine($"Up to date: none pending (applied: {applied.Count}).");
            return 0;
        }

        Console.WriteLine($"Pending ({pending.Count}): {string.Join(", ", pending)}");
        if (target.Environment.IsRemote())
        {
            Confirmation.Require($"Apply the pending migrations to {target.EnvironmentName} ({target.Host}/{target.Database})?", yes);
        }

        var migrator = db.GetService<IMigrator>();
        var total = Stopwatch.StartNew();
        foreach (var migration in pending)
        {
            var started = Stopwatch.GetTimestamp();
            await migrator.MigrateAsync(migration, cancellationToken);
            Console.WriteLine($"  applied {migration} in {Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0} ms");
        }

        Console.WriteLine($"Done: applied {pending.Count} in {total.Elapsed.TotalSeconds:F2} s.");
        return 0;
    }
}
