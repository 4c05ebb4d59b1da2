using System.Collections.Frozen;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Api.Data.QueryCache;

/// <summary>
/// Which tables lose rows when a table's rows are deleted, through ON DELETE CASCADE foreign keys (transitively), read
/// from the EF Core model: deleting a user also changes what a cached member list says.
/// </summary>
internal sealed class CascadeMap(FrozenDictionary<string, string[]> dependents)
{
    public static CascadeMap From(IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var direct = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var foreignKey in model.GetEntityTypes().SelectMany(entity => entity.GetForeignKeys()))
        {
            var principal = foreignKey.PrincipalEntityType.GetTableName();
            var dependent = foreignKey.DeclaringEntityType.GetTableName();
            if (foreignKey.DeleteBehavior == DeleteBehavior.Cascade && principal is not null && dependent is not null)
            {
                (direct.TryGetValue(principal, out var set) ? set : direct[principal] = new HashSet<string>(StringComparer.Ordinal)).Add(dependent);
            }
        }

        return new CascadeMap(direct.Keys.ToFrozenDictionary(table => table, table => Closure(table, direct), StringComparer.Ordinal));
    }

    /// <summary>The tables written, plus every table that loses rows by cascade from those deleted from.</summary>
    public IReadOnlyCollection<string> Expand(WriteAnalysis write)
    {
        if (write.Everything)
        {
            return [TableVersions.Everything];
        }

        var tables = new SortedSet<string>(write.Tables, StringComparer.Ordinal);
        foreach (var table in write.DeletedFrom)
        {
            if (dependents.TryGetValue(table, out var cascaded))
            {
                tables.UnionWith(cascaded);
            }
        }

        return tables;
    }

    private static string[] Closure(string table, Dictionary<string, HashSet<string>> direct)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([table]);
        while (pending.TryPop(out var current))
        {
            foreach (var dependent in direct.GetValueOrDefault(current) ?? [])
            {
                if (seen.Add(dependent))
                {
                    pending.Push(dependent);
                }
            }
        }

        return [.. seen];
    }
}
