using System.CommandLine;
using System.Diagnostics;
using Db;
using MigrationService.Drift;
using System.Text.RegularExpressions;
using MigrationService.Targets;
using Microsoft.EntityFrameworkCore;

namespace MigrationService.Commands;

/// <summary>
/// <c>generate Name</c>: a new EF Core migration from the model's changes, written by dotnet-ef (the tool manifest's
/// version) into Db/Migrations, with its SQL script, and the compiled model in Db/CompiledModel written again to match;
/// refused when the model has no change a migration would hold. <c>generate --sql-only</c> (re)writes the SQL script of
/// every migration whose script is missing or older than the migration, adding none.
/// </summary>
internal static partial class GenerateCommand
{
    public static Command Create()
    {
        var name = new Argument<string?>("name") { Description = "The migration's name, a C# identifier such as AddUserLocale.", Arity = ArgumentArity.ZeroOrOne };
        var sqlOnly = new Option<bool>("--sql-only") { Description = "Add no migration: write the SQL script of each migration that has none or an out-of-date one." };
        var command = new Command("generate", "Add an EF Core migration from the model's changes (dotnet-ef from the tool manifest).")
        {
            name,
            sqlOnly,
        };
        command.Validators.Add(result =>
        {
            var named = result.GetValue(name) is not null;
            if (named == result.GetValue(sqlOnly))
            {
                result.AddError(named
                    ? "--sql-only adds no migration: give a name or --sql-only, not both."
                    : "generate needs the new migration's name, e.g. `generate AddUserLocale` (or --sql-only to refresh the SQL scripts).");
            }
        });
        command.SetAction((parse, cancellationToken) => parse.GetValue(sqlOnly)
            ? Task.FromResult(WriteScripts())
            : RunAsync(parse.GetRequiredValue(name)!, cancellationToken));
        return command;
    }

    private static int WriteScripts()
    {
        var written = MigrationScriptWriter.WriteStale(RepositoryRoot.Require("generate --sql-only"));
        Console.WriteLine(written.Count == 0
            ? "Every migration's SQL script is up to date."
            : $"Wrote the SQL script of {string.Join(", ", written)} in Db/Migrations.");
        return 0;
    }

    private static async Task<int> RunAsync(string name, CancellationToken cancellationToken)
    {
        if (!Identifier().IsMatch(name))
        {
            throw new CommandFailure($"'{name}' is not a valid migration name: use a C# identifier such as AddUserLocale.", CommandFailure.Usage);
        }

        var root = RepositoryRoot.Require("generate");

        // The model as this build compiled it: `dotnet run` has just built Db from the current source.
        await using (var db = new DesignTimeAppDbContextFactory().CreateDbContext([]))
        {
            var changes = ModelChanges.Pending(db);
            if (changes.Count == 0)
            {
                throw new CommandFailure("nothing to generate: the model matches the last migration. Change an entity in Db/Schema first.");
            }

            Console.WriteLine($"Model changes: {string.Join("; ", changes)}");
        }

        var exitCode = await DotNetAsync(root, ["tool", "run", "dotnet-ef", "migrations", "add", name,
            "--project", Path.Combine("Db", "Db.csproj"), "--startup-project", Path.Combine("Db", "Db.csproj"), "--output-dir", "Migrations"], cancellationToken);
        if (exitCode != 0)
        {
            throw new CommandFailure($"dotnet-ef failed (exit code {exitCode}; its output is above). If the tool is missing, run `dotnet tool restore`.");
        }

        await RefreshCompiledModelAsync(root, cancellationToken);

        // Its SQL comes from the migration as compiled, which this process is not: a build that holds it writes it.
        exitCode = await DotNetAsync(root, ["run", "--project", "MigrationService", "--", "generate", "--sql-only"], cancellationToken);
        if (exitCode != 0)
        {
            throw new CommandFailure($"the migration was added, but its SQL script could not be written (exit code {exitCode}; the output is above). "
                + "Fix that, then run `dotnet run --project MigrationService -- generate --sql-only`; until then the worker applies it with EF Core's migrator.");
        }

        Console.WriteLine($"Added migration {name} in Db/Migrations with its SQL script, and refreshed Db/CompiledModel. Review them, then run `migrate`.");
        return 0;
    }

    /// <summary>
    /// The API runs on the compiled model, generated code that does not follow the entities by itself: written anew
    /// next to the old one, which is only replaced once the new one is complete.
    /// </summary>
    private static async Task RefreshCompiledModelAsync(string root, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(root, "Db", "CompiledModel");
        var fresh = Path.Combine(root, "Db", "obj", "CompiledModel.generated");
        if (Directory.Exists(fresh))
        {
            Directory.Delete(fresh, recursive: true);
        }

        // --no-build: `migrations add` has just built Db from these entities.
        var exitCode = await DotNetAsync(root, ["tool", "run", "dotnet-ef", "dbcontext", "optimize", "--no-build",
            "--project", Path.Combine("Db", "Db.csproj"), "--startup-project", Path.Combine("Db", "Db.csproj"),
            "--output-dir", fresh, "--namespace", "Db.CompiledModel"], cancellationToken);
        if (exitCode != 0)
        {
            throw new CommandFailure($"the migration was added, but dotnet-ef could not refresh Db/CompiledModel (exit code {exitCode}; its output is above). "
                + "Fix that, then run `dotnet tool run dotnet-ef dbcontext optimize --project Db --output-dir CompiledModel --namespace Db.CompiledModel`.");
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        Directory.Move(fresh, folder);
    }

    public static async Task<int> DotNetAsync(string root, string[] arguments, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet", arguments) { WorkingDirectory = root };
        using var process = Process.Start(info)!;
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
