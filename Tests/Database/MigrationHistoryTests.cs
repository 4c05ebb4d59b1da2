using Db;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tests.Infrastructure;

namespace Tests.Database;

/// <summary>
/// The migration worker decides "nothing to apply" from the history table without EF Core; that answer must be
/// EF's own, or a pending migration would be skipped.
/// </summary>
public sealed class MigrationHistoryTests(SharedApp shared)
{
    [Fact]
    public void KnowsTheSameMigrationsAsEfCore()
    {
        using var db = Infrastructure.Database.Context(shared.DatabaseConnectionString);

        Assert.Equal(db.Database.GetMigrations(), MigrationHistory.Known);
    }

    [Fact]
    public async Task AgreesWithEfCoreOnWhatIsPending()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var database = Infrastructure.Database.FreshDatabase(shared.DatabaseConnectionString);
        Assert.Equal(0, (await MigrationServiceProcess.RunAsync(database, cancellation)).ExitCode);
        await using var db = Infrastructure.Database.Context(database);
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellation);

        Assert.Empty(await MigrationHistory.PendingAsync(connection, cancellation));

        // As if the latest migration had been added to the code after the database was last migrated.
        var latest = MigrationHistory.Known[^1];
        await using (var forget = new NpgsqlCommand($"DELETE FROM \"{MigrationHistory.TableName}\" WHERE migration_id = $1", connection))
        {
            forget.Parameters.AddWithValue(latest);
            Assert.Equal(1, await forget.ExecuteNonQueryAsync(cancellation));
        }

        Assert.Equal([latest], await MigrationHistory.PendingAsync(connection, cancellation));
        Assert.Equal(await db.Database.GetPendingMigrationsAsync(cancellation), await MigrationHistory.PendingAsync(connection, cancellation));
    }

    [Fact]
    public async Task EverythingIsPendingOnADatabaseWithoutHistory()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var database = Infrastructure.Database.FreshDatabase(shared.DatabaseConnectionString);
        await using (var server = new NpgsqlConnection(shared.DatabaseConnectionString))
        {
            await server.OpenAsync(cancellation);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{new NpgsqlConnectionStringBuilder(database).Database}\"", server);
            await create.ExecuteNonQueryAsync(cancellation);
        }

        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(cancellation);

        Assert.Equal(MigrationHistory.Known, await MigrationHistory.PendingAsync(connection, cancellation));
    }
}
