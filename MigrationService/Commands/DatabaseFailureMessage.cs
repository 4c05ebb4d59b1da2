using MigrationService.Targets;
using Npgsql;

namespace MigrationService.Commands;

/// <summary>A database failure as one line naming the cause and where to fix it.</summary>
internal static class DatabaseFailureMessage
{
    public static string For(NpgsqlException exception, DatabaseTarget target)
    {
        var reason = FailureReport.Describe(exception);
        var fix = exception switch
        {
            PostgresException { SqlState: "28P01" or "28000" } => $"check the user and password in {target.Source}",
            PostgresException { SqlState: "3D000" } => target.Environment.IsRemote()
                ? $"check the database name in {target.Source}"
                : "run `migrate` to create it, or check the database name",
            PostgresException { SqlState: "42P01" } => "the schema is missing or behind: run `migrate` first",
            PostgresException => "nothing was changed by the failing statement",
            _ when target.Source == "the local AppHost" => LocalAppHostDatabase.StartHint,
            _ => $"is the server up and reachable? check the host and port in {target.Source}",
        };
        return $"{target.Host}:{target.Port}/{target.Database}: {reason} ({fix}).";
    }
}
