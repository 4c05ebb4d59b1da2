using System.CommandLine;
using MigrationService.Drift;
using MigrationService.Targets;
using Microsoft.EntityFrameworkCore;

namespace MigrationService.Commands;

/// <summary>
/// <c>check</c>: exit 0 only when the model, the migrations and the live database agree; otherwise every
/// difference, grouped by which two disagree, and exit 1.
/// </summary>
internal static class CheckCommand
{
    private const string Schema = "public";

    public static Command Create()
    {
        var command = new Command("check", "Compare the model, the migrations and the live database; list every difference and exit 1 if there is any.");
        command.SetAction((parse, cancellationToken) => TargetedAction.RunAsync(parse, target => RunAsync(target, cancellationToken)));
        return command;
    }

    private static async Task<int> RunAsync(DatabaseTarget target, CancellationToken cancellationToken)
    {
        await using var db = TargetedAction.OpenContext(target);
        var modelChanges = ModelChanges.Pending(db);
        var history = await MigrationComparison.ReadAsync(db, cancellationToken);
        await using var connection = await TargetedAction.OpenConnectionAsync(target, cancellationToken);
        var drift = SchemaComparer.Compare(
            ModelSchema.Read(db, Schema),
            await LiveSchema.ReadAsync(connection, Schema, cancellationToken));

        var count = Report("Model vs migrations", [.. modelChanges.Select(c => $"{c} (no migration holds it: run `generate <Name>`)")]);
        count += Report("Migrations vs database", [
            .. history.NotApplied.Select(m => $"{m} is not applied (run `migrate`)"),
            .. history.UnknownToCode.Select(m => $"{m} is applied to the database but unknown to the code"),
        ]);
        count += Report("Database vs model", drift);

        Console.WriteLine(count == 0
            ? $"OK: the model, the migrations ({history.Known.Count}) and the database agree."
            : $"{count} {(count == 1 ? "difference" : "differences")} found.");
        return count == 0 ? 0 : CommandFailure.Failed;
    }

    private static int Report(string title, List<string> differences)
    {
        Console.WriteLine(differences.Count == 0 ? $"{title}: agree" : $"{title}: {differences.Count} {(differences.Count == 1 ? "difference" : "differences")}");
        differences.ForEach(d => Console.WriteLine($"  - {d}"));
        return differences.Count;
    }
}
