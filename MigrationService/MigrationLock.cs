using Npgsql;

namespace MigrationService;

/// <summary>
/// Serializes migrating and seeding across instances started at once: a PostgreSQL session advisory lock held
/// on a dedicated connection, released when disposed or when the process dies and its session ends.
/// </summary>
internal sealed partial class MigrationLock(NpgsqlConnection connection) : IAsyncDisposable
{
    // Any fixed number shared by every instance works; this one spells "appdbmig" in ASCII.
    private const long Key = 0x6170_7064_626d_6967;

    // Long enough for any migration another instance may be running; a holder stuck longer is a bug to surface.
    private const int WaitTimeoutSeconds = 300;

    public static async Task<MigrationLock> AcquireAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        // Unpooled, so that closing the connection really ends the session and with it the lock.
        var unpooled = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        var connection = new NpgsqlConnection(unpooled.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var tryLock = LockCommand(connection, "SELECT pg_try_advisory_lock($1)");
            if (await tryLock.ExecuteScalarAsync(cancellationToken) is not true)
            {
                LogWaiting(logger);
                await using var waitForLock = LockCommand(connection, "SELECT pg_advisory_lock($1)");
                await waitForLock.ExecuteNonQueryAsync(cancellationToken);
            }

            return new MigrationLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>The session holding the lock, free for the work it guards while no command runs on it.</summary>
    public NpgsqlConnection Connection => connection;

    public ValueTask DisposeAsync() => connection.DisposeAsync();

    private static NpgsqlCommand LockCommand(NpgsqlConnection connection, string sql) =>
        new(sql, connection)
        {
            CommandTimeout = WaitTimeoutSeconds,
            Parameters = { new() { Value = Key } },
        };

    [LoggerMessage(Level = LogLevel.Information, Message = "Another instance is migrating the database; waiting for it to finish")]
    private static partial void LogWaiting(ILogger logger);
}
