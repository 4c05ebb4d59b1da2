using Db;
using Npgsql;

namespace Api.Extensions;

/// <summary>
/// Whether the database has every migration this build of the API was compiled with. Deployed, nothing orders the
/// migration worker before the API (WaitForCompletion is the AppHost's and Compose's, not a container platform's),
/// so the API checks for itself. Once current it stays current for the life of the process: no further queries.
/// </summary>
internal sealed class SchemaVersion(NpgsqlDataSource dataSource)
{
    private volatile bool current;

    /// <summary>True once every migration is applied; false with the missing ones otherwise. Throws when the database cannot be asked.</summary>
    public async Task<(bool IsCurrent, IReadOnlyList<string> Missing)> CheckAsync(CancellationToken cancellationToken)
    {
        if (current)
        {
            return (true, []);
        }

        IReadOnlyList<string> missing;
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            missing = await MigrationHistory.PendingAsync(connection, cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // No database yet: nothing is applied.
            missing = MigrationHistory.Known;
        }

        current = missing.Count == 0;
        return (current, missing);
    }
}
