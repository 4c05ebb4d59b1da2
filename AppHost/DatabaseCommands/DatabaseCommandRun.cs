using System.Diagnostics;

namespace AppHost.DatabaseCommands;

/// <summary>
/// Runs a database command with the MigrationService's build output, the same code as on the command line, against
/// the resource's connection string; its output goes to the resource's console log line by line.
/// </summary>
internal static class DatabaseCommandRun
{
    public sealed record Outcome(int ExitCode, IReadOnlyList<string> Output, IReadOnlyList<string> Errors);

    public static async Task<Outcome> RunAsync(string migrationService, string repositoryRoot, IReadOnlyList<string> arguments, string connectionString, string environmentName, ILogger log, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(migrationService);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // Exactly the app's database: no DATABASE_URL or .env file of the checkout may redirect the command.
        info.Environment.Remove("DATABASE_URL");
        info.Environment.Remove("ENVIRONMENT");
        info.Environment["ConnectionStrings__appdb"] = connectionString;
        info.Environment["DOTNET_ENVIRONMENT"] = environmentName;
        // Paths the command prints are relative to where it runs: the repository root.
        info.Environment["PWD"] = repositoryRoot;
        info.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var output = ReadLinesAsync(process.StandardOutput, line => log.CommandOutput(line), cancellationToken);
        var errors = ReadLinesAsync(process.StandardError, line => log.CommandError(line), cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new Outcome(process.ExitCode, await output, await errors);
    }

    private static async Task<IReadOnlyList<string>> ReadLinesAsync(StreamReader reader, Action<string> onLine, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            lines.Add(line);
            onLine(line);
        }

        return lines;
    }
}
