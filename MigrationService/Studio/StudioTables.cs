using MigrationService.Drift;
using Npgsql;

namespace MigrationService.Studio;

/// <summary>
/// The tables the studio may touch, read from the catalog on each request: every table and column name used in SQL
/// comes from here, never from the request, so identifiers cannot be injected.
/// </summary>
internal sealed class StudioTables(NpgsqlDataSource dataSource)
{
    public const string Schema = "public";

    public async Task<Dictionary<string, TableShape>> ReadAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await LiveSchema.ReadAsync(connection, Schema, cancellationToken);
    }

    public async Task<TableShape?> FindAsync(string name, CancellationToken cancellationToken) =>
        (await ReadAsync(cancellationToken)).GetValueOrDefault(name);

    public static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    public static string QualifiedName(string table) => $"{Schema}.{Quote(table)}";

    /// <summary>The single-column primary key rows are addressed by; tables without one are browse-only.</summary>
    public static string? KeyColumn(TableShape table) => table.PrimaryKey is { Columns.Count: 1 } key ? key.Columns[0] : null;
}
