using Npgsql;

namespace MigrationService;

/// <summary>The server's own <c>postgres</c> database, reachable before the application database exists.</summary>
internal static class MaintenanceDatabase
{
    public static string ConnectionStringFor(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString)
        {
            Database = "postgres",
            // These connections are used once; pooling would only leave idle sessions behind.
            Pooling = false,
        }.ConnectionString;
}
