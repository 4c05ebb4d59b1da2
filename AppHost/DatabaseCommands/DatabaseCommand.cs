namespace AppHost.DatabaseCommands;

/// <summary>One of the database commands (<c>MigrationService &lt;command&gt;</c>) as a dashboard command.</summary>
internal sealed record DatabaseCommand(string Name, string DisplayName, string[] Arguments, string Description, string IconName, string? Confirmation = null)
{
    /// <summary>As it would be typed, for the console log.</summary>
    public string CommandLine { get; } = $"MigrationService {string.Join(' ', Arguments)}";

    /// <summary>The commands a database resource carries, in the dashboard's order.</summary>
    public static readonly DatabaseCommand[] All =
    [
        // Confirmed in the dashboard, so the command's own prompt (staging, prod) is answered with --yes.
        new("db-migrate", "Migrate", ["migrate", "--yes"], "Apply pending EF Core migrations, one by one, under the migration lock.", "ArrowSyncCircle",
            Confirmation: "Apply every pending migration to this database?"),
        new("db-seed", "Seed", ["seed"], "Insert the example users and the demo organization (idempotent; refused for prod).", "PeopleAdd",
            Confirmation: "Insert the example users and the demo organization into this database?"),
        new("db-check", "Check", ["check"], "Compare the model, the migrations and the live database; list every difference.", "CheckmarkCircle"),
        new("db-export", "Export", ["export", "--data"], "pg_dump the schema and data into db/backups/ (mode 600, ignored by git).", "ArrowDownload"),
    ];
}
