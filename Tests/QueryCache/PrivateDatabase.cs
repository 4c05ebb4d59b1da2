using Microsoft.EntityFrameworkCore;
using Tests.Infrastructure;

namespace Tests.QueryCache;

/// <summary>
/// A migrated database of its own on the shared server, for tests that count hits and queries: table versions are
/// per database, so the writes other test classes make through the shared app cannot invalidate its results.
/// </summary>
public sealed class PrivateDatabase(SharedApp shared) : IAsyncLifetime
{
    public string ConnectionString { get; } = Infrastructure.Database.FreshDatabase(shared.DatabaseConnectionString);

    public async ValueTask InitializeAsync()
    {
        await using var db = Infrastructure.Database.Context(ConnectionString);
        await db.Database.MigrateAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Npgsql.NpgsqlConnection.ClearAllPools();
        await Infrastructure.Database.ScalarAsync<object>(shared.DatabaseConnectionString, $"DROP DATABASE IF EXISTS \"{new Npgsql.NpgsqlConnectionStringBuilder(ConnectionString).Database}\" WITH (FORCE)");
    }
}
