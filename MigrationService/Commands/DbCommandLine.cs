using System.CommandLine;
using Npgsql;

namespace MigrationService.Commands;

/// <summary>The database commands: parses, runs one, and turns every failure into one line and an exit code (2 usage, 1 failed).</summary>
internal static class DbCommandLine
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Database commands for the app's PostgreSQL (EF Core). With no command: wait, create, migrate and seed, as the AppHost runs it.")
        {
            CommonOptions.Environment,
            GenerateCommand.Create(),
            MigrateCommand.Create(),
            PushCommand.Create(),
            SeedCommand.Create(),
            CheckCommand.Create(),
            ExportCommand.Create(),
            StudioCommand.Create(),
            TypecheckCommand.Create(),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            var problem = parse.UnmatchedTokens.Count > 0 ? $"Unknown command or option '{parse.UnmatchedTokens[0]}'." : parse.Errors[0].Message;
            Console.Error.WriteLine($"{problem} Run with --help to see the commands and options.");
            return CommandFailure.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (CommandFailure failure)
        {
            Console.Error.WriteLine(failure.Message);
            return failure.ExitCode;
        }
        catch (ConnectionStringException exception)
        {
            Console.Error.WriteLine(exception.Message);
            return CommandFailure.Usage;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("canceled.");
            return CommandFailure.Failed;
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"failed: {FailureReport.Describe(exception)}");
            return CommandFailure.Failed;
        }
    }
}
