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
/// version) into Db/Migrations; refused when the model has no change a migration would hold.
/// </summary>
internal static partial class GenerateCommand
{
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The migration's name, a C# identifier such as AddUserLocale." };
        var command = new Command("generate", "Add an EF Core migration from the model's changes (dotnet-ef from the tool manifest).")
        {
            name,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetRequiredValue(name), cancellationToken));
        return command;
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

        Console.WriteLine($"Added migration {name} in Db/Migrations. Review it, then run `migrate`.");
        return 0;
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
