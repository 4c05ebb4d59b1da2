using System.Reflection;
using Db;
using Microsoft.EntityFrameworkCore;

namespace MigrationService.Studio;

/// <summary>
/// Ids for rows inserted in the studio: the application generates them (<c>usr_...</c>), the database has no default,
/// so the studio does what the application would, using each entity's <c>IdPrefix</c>.
/// </summary>
internal sealed class NewRowIds
{
    private readonly Dictionary<string, string> prefixes = new(StringComparer.Ordinal);

    public NewRowIds(string connectionString)
    {
        using var db = new AppDbContext(Options(connectionString));
        foreach (var entity in db.Model.GetEntityTypes())
        {
            if (entity.GetTableName() is { } table
                && entity.ClrType.GetField("IdPrefix", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() is string prefix)
            {
                prefixes[table] = prefix;
            }
        }
    }

    private static DbContextOptions<AppDbContext> Options(string connectionString)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseAppDatabase(connectionString);
        return options.Options;
    }

    public string? NewId(string table) => prefixes.TryGetValue(table, out var prefix) ? PrefixedId.New(prefix) : null;
}
