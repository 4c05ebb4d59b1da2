using System.CommandLine;
using MigrationService.Drift;
using MigrationService.Targets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace MigrationService.Commands;

/// <summary>
/// <c>push</c>: the model's schema straight into a development database, without migration files. Creates it on an
/// empty database; recreates a non-empty one only with --force, after listing what will be lost. Never on prod.
/// </summary>
internal static class PushCommand
{
    private const string Schema = "public";

    public static Command Create()
    {
        var force = new Option<bool>("--force") { Description = "On a non-empty database: drop every table and recreate the schema (all data is lost)." };
        var yes = CommonOptions.Yes();
        var command = new Command("push", "Create the model's schema directly, without migrations (development). Refused for prod.")
        {
            force,
            yes,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            // Refused before anything is resolved or opened.
            if (DeploymentEnvironments.Select(parse.GetValue(CommonOptions.Environment)) == DeploymentEnvironment.Prod)
            {
                throw new CommandFailure("push is refused for prod: it bypasses migrations. Use `migrate --env prod`.", CommandFailure.Usage);
            }

            return TargetedAction.RunAsync(parse, target => RunAsync(target, parse.GetValue(force), parse.GetValue(yes), cancellationToken));
        });
        return command;
    }

    private static async Task<int> RunAsync(DatabaseTarget target, bool force, bool yes, CancellationToken cancellationToken)
    {
        if (!target.Environment.IsRemote())
        {
            await DatabaseCreator.CreateIfMissingAsync(target.ConnectionString, NullLogger.Instance, cancellationToken);
        }

        await using var db = TargetedAction.OpenContext(target);
        await using var connection = await TargetedAction.OpenConnectionAsync(target, cancellationToken);
        var live = await LiveSchema.ReadAsync(connection, Schema, cancellationToken);
        var createScript = db.Database.GenerateCreateScript();

        if (live.Count > 0)
        {
            var model = ModelSchema.Read(db, Schema);
            if (SchemaComparer.Compare(model, live).Count == 0)
            {
                Console.WriteLine("Nothing to push: the database already matches the model.");
                return 0;
            }

            if (!force)
            {
                throw new CommandFailure(
                    $"the database has {live.Count} tables that differ from the model: push only fills an empty database. "
                    + "Pass --force to drop and recreate them (all their data is lost), or use `migrate`.", CommandFailure.Usage);
            }

            await ListWhatWillBeLostAsync(connection, live.Keys, cancellationToken);
            if (target.Environment.IsRemote())
            {
                Confirmation.Require($"Drop these {live.Count} tables on {target.EnvironmentName} ({target.Host}/{target.Database})?", yes);
            }
        }

        // One transaction: either the old tables are gone and the new schema is complete, or nothing changed.
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var table in live.Keys)
        {
            await ExecuteAsync(connection, $"DROP TABLE IF EXISTS {Quote(table)} CASCADE", cancellationToken);
        }

        await ExecuteAsync(connection, createScript, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var created = ModelSchema.Read(db, Schema).Count;
        Console.WriteLine(live.Count > 0
            ? $"Recreated the schema: dropped {live.Count} tables, created {created}. Run `seed` for example data."
            : $"Created the schema: {created} tables. Run `seed` for example data.");
        return 0;
    }

    private static async Task ListWhatWillBeLostAsync(NpgsqlConnection connection, IEnumerable<string> tables, CancellationToken cancellationToken)
    {
        Console.WriteLine("These tables will be dropped with all their rows:");
        foreach (var table in tables.Order(StringComparer.Ordinal))
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM {Quote(table)}", connection);
            Console.WriteLine($"  - {table}: {await count.ExecuteScalarAsync(cancellationToken)} rows");
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Quote(string identifier) => $"{Schema}.\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
