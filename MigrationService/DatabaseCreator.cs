using Npgsql;

namespace MigrationService;

/// <summary>Creates the application database when the server does not have it yet, as Aspire's AddDatabase does.</summary>
internal static partial class DatabaseCreator
{
    private const string DuplicateDatabase = "42P04";

    // Two CREATE DATABASE racing each other: the loser trips over the unique index of pg_database.
    private const string UniqueViolation = "23505";

    public static async Task CreateIfMissingAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        var database = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        await using var connection = new NpgsqlConnection(MaintenanceDatabase.ConnectionStringFor(connectionString));
        await connection.OpenAsync(cancellationToken);

        // Asking first keeps the server log free of errors on every run and spares a role without CREATEDB.
        if (await ExistsAsync(connection, database, cancellationToken))
        {
            LogAlreadyExists(logger, database);
            return;
        }

        try
        {
            // Identifiers cannot be parameters; doubling quotes makes any name a safe quoted identifier.
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
            LogCreated(logger, database);
        }
        catch (PostgresException exception) when (exception.SqlState is DuplicateDatabase or UniqueViolation)
        {
            LogAlreadyExists(logger, database);
        }
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, string database, CancellationToken cancellationToken)
    {
        await using var query = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection)
        {
            Parameters = { new() { Value = database } },
        };
        return await query.ExecuteScalarAsync(cancellationToken) is not null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created database {Database}")]
    private static partial void LogCreated(ILogger logger, string database);

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Database} already exists")]
    private static partial void LogAlreadyExists(ILogger logger, string database);
}
