using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace Db;

/// <summary>
/// Which of this assembly's migrations a database lacks, answered with one query and without building EF Core's
/// services or model. The migration worker runs on every AppHost start, and EF's own answer costs about a second
/// of JIT there. Pending migrations are applied from their SQL scripts (<see cref="MigrationScripts"/>).
/// </summary>
public static class MigrationHistory
{
    /// <summary>EF Core's default history table, found through the search path as EF finds it.</summary>
    public const string TableName = "__EFMigrationsHistory";

    /// <summary>EF's <c>MigrationId</c>, renamed like every column by the snake_case naming convention.</summary>
    private const string IdColumn = "migration_id";

    /// <summary>The ids of the migrations compiled into this assembly, oldest first (ids sort by timestamp).</summary>
    public static IReadOnlyList<string> Known { get; } = typeof(AppDbContext).Assembly.GetTypes()
        .Where(type => type.IsSubclassOf(typeof(Migration))
            && type.GetCustomAttribute<DbContextAttribute>()?.ContextType == typeof(AppDbContext))
        .Select(type => type.GetCustomAttribute<MigrationAttribute>()?.Id)
        .OfType<string>()
        .Order(StringComparer.Ordinal)
        .ToList();

    /// <summary>The known migrations the database has not applied, oldest first; all of them on a database without history.</summary>
    public static async Task<IReadOnlyList<string>> PendingAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        // Two statements rather than one: a query naming the table fails to plan on a database that lacks it.
        await using var exists = new NpgsqlCommand($"SELECT to_regclass('\"{TableName}\"') IS NOT NULL", connection);
        if (await exists.ExecuteScalarAsync(cancellationToken) is not true)
        {
            return Known;
        }

        await using var read = new NpgsqlCommand($"SELECT {IdColumn} FROM \"{TableName}\"", connection);
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }

        return [.. Known.Where(id => !applied.Contains(id))];
    }
}
