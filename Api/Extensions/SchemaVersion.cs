using System.Reflection;
using Db;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Api.Extensions;

/// <summary>
/// Whether the database has every migration this build of the API was compiled with. Deployed, nothing orders the
/// migration worker before the API (WaitForCompletion is the AppHost's and Compose's, not a container platform's),
/// so the API checks for itself. Once current it stays current for the life of the process: no further queries.
/// </summary>
internal sealed class SchemaVersion(NpgsqlDataSource dataSource)
{
    // EF Core's history table keeps its explicit name, but the snake_case convention renames its columns
    // (migration_id); the id is the first column either way.
    private const string AppliedMigrationsSql = "SELECT * FROM \"__EFMigrationsHistory\"";

    private static readonly IReadOnlyList<string> BuiltWith = [.. typeof(AppDbContext).Assembly.GetTypes()
        .Where(t => t.GetCustomAttribute<DbContextAttribute>()?.ContextType == typeof(AppDbContext))
        .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
        .OfType<string>()
        .Order(StringComparer.Ordinal)];

    private volatile bool current;

    /// <summary>True once every migration is applied; false with the missing ones otherwise. Throws when the database cannot be asked.</summary>
    public async Task<(bool IsCurrent, IReadOnlyList<string> Missing)> CheckAsync(CancellationToken cancellationToken)
    {
        if (current)
        {
            return (true, []);
        }

        var applied = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            await using var command = dataSource.CreateCommand(AppliedMigrationsSql);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UndefinedTable or PostgresErrorCodes.InvalidCatalogName)
        {
            // No history table or no database yet: nothing is applied.
        }

        var missing = BuiltWith.Where(id => !applied.Contains(id)).ToList();
        current = missing.Count == 0;
        return (current, missing);
    }
}
