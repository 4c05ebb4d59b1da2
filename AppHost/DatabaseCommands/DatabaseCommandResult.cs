namespace AppHost.DatabaseCommands;

/// <summary>What the dashboard shows of a database command: its one-line outcome, and the whole report where it has one.</summary>
internal static class DatabaseCommandResult
{
    public static ExecuteCommandResult From(DatabaseCommand command, DatabaseCommandRun.Outcome outcome)
    {
        var report = string.Join('\n', outcome.Output);
        if (outcome.ExitCode == 0)
        {
            // The commands end with one line saying what they did ("Up to date", "Wrote db/backups/...").
            var summary = outcome.Output.LastOrDefault(line => line.Trim().Length > 0) ?? $"{command.DisplayName} finished.";
            return command.Name is "db-check" or "db-export"
                ? CommandResults.Success(summary.Trim(), report)
                : CommandResults.Success(summary.Trim());
        }

        // A failure is one line on standard error; check also lists every difference on standard output.
        var problem = outcome.Errors.LastOrDefault(line => line.Trim().Length > 0)?.Trim() ?? $"{command.DisplayName} failed with exit code {outcome.ExitCode}.";
        return report.Length > 0 ? CommandResults.Failure(problem, report) : CommandResults.Failure(problem);
    }
}
