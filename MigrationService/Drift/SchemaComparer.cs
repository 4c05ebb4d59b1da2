using System.Text.RegularExpressions;

namespace MigrationService.Drift;

/// <summary>Lists every way the live tables differ from the model's, one readable line per difference.</summary>
internal static partial class SchemaComparer
{
    // Spellings PostgreSQL accepts for a type, mapped to the one format_type() prints.
    private static readonly Dictionary<string, string> TypeAliases = new(StringComparer.Ordinal)
    {
        ["int"] = "integer",
        ["int4"] = "integer",
        ["int8"] = "bigint",
        ["int2"] = "smallint",
        ["bool"] = "boolean",
        ["varchar"] = "character varying",
        ["char"] = "character",
        ["timestamptz"] = "timestamp with time zone",
        ["timestamp"] = "timestamp without time zone",
        ["timetz"] = "time with time zone",
        ["time"] = "time without time zone",
        ["float8"] = "double precision",
        ["float4"] = "real",
        ["decimal"] = "numeric",
    };

    public static List<string> Compare(IReadOnlyDictionary<string, TableShape> model, IReadOnlyDictionary<string, TableShape> live)
    {
        var differences = new List<string>();
        foreach (var name in model.Keys.Except(live.Keys).Order(StringComparer.Ordinal))
        {
            differences.Add($"table \"{name}\" is missing from the database");
        }

        foreach (var name in live.Keys.Except(model.Keys).Except(LiveSchema.BookkeepingTables).Order(StringComparer.Ordinal))
        {
            differences.Add($"table \"{name}\" is in the database but not in the model");
        }

        foreach (var name in model.Keys.Intersect(live.Keys).Order(StringComparer.Ordinal))
        {
            CompareTable(model[name], live[name], differences);
        }

        return differences;
    }

    private static void CompareTable(TableShape model, TableShape live, List<string> differences)
    {
        var table = $"table \"{model.Name}\"";
        CompareSets(table, "column", model.Columns, live.Columns, (m, l) => CompareColumn(m, l), differences);

        if (!Equals(Describe(model.PrimaryKey), Describe(live.PrimaryKey)))
        {
            differences.Add($"{table}: primary key is {Describe(live.PrimaryKey) ?? "missing"} in the database, {Describe(model.PrimaryKey) ?? "none"} in the model");
        }

        CompareSets(table, "unique constraint", model.UniqueConstraints, live.UniqueConstraints,
            (m, l) => Columns(m.Columns) == Columns(l.Columns) ? [] : [$"is on {Columns(l.Columns)} in the database, {Columns(m.Columns)} in the model"], differences);
        CompareSets(table, "index", model.Indexes, live.Indexes, CompareIndex, differences);
        CompareSets(table, "foreign key", model.ForeignKeys, live.ForeignKeys, CompareForeignKey, differences);
    }

    private static void CompareSets<T>(
        string table, string kind, Dictionary<string, T> model, Dictionary<string, T> live, Func<T, T, IEnumerable<string>> compare, List<string> differences)
    {
        foreach (var name in model.Keys.Except(live.Keys).Order(StringComparer.Ordinal))
        {
            differences.Add($"{table}: {kind} \"{name}\" is missing from the database");
        }

        foreach (var name in live.Keys.Except(model.Keys).Order(StringComparer.Ordinal))
        {
            differences.Add($"{table}: {kind} \"{name}\" is in the database but not in the model");
        }

        foreach (var name in model.Keys.Intersect(live.Keys).Order(StringComparer.Ordinal))
        {
            differences.AddRange(compare(model[name], live[name]).Select(d => $"{table}: {kind} \"{name}\" {d}"));
        }
    }

    private static IEnumerable<string> CompareColumn(ColumnShape model, ColumnShape live)
    {
        if (NormalizeType(model.Type) != NormalizeType(live.Type))
        {
            yield return $"has type {live.Type} in the database, {model.Type} in the model";
        }

        if (model.Nullable != live.Nullable)
        {
            yield return $"is {Nullability(live.Nullable)} in the database, {Nullability(model.Nullable)} in the model";
        }

        if (NormalizeExpression(model.Default) != NormalizeExpression(live.Default))
        {
            yield return $"has default {live.Default ?? "(none)"} in the database, {model.Default ?? "(none)"} in the model";
        }
    }

    private static IEnumerable<string> CompareIndex(IndexShape model, IndexShape live)
    {
        if (Columns(model.Columns) != Columns(live.Columns))
        {
            yield return $"is on {Columns(live.Columns)} in the database, {Columns(model.Columns)} in the model";
        }

        if (model.Unique != live.Unique)
        {
            yield return $"is {(live.Unique ? "unique" : "not unique")} in the database, {(model.Unique ? "unique" : "not unique")} in the model";
        }

        if (NormalizeExpression(model.Filter) != NormalizeExpression(live.Filter))
        {
            yield return $"has filter {live.Filter ?? "(none)"} in the database, {model.Filter ?? "(none)"} in the model";
        }
    }

    private static IEnumerable<string> CompareForeignKey(ForeignKeyShape model, ForeignKeyShape live)
    {
        var modelTarget = $"{Columns(model.Columns)} → {model.PrincipalTable}{Columns(model.PrincipalColumns)}";
        var liveTarget = $"{Columns(live.Columns)} → {live.PrincipalTable}{Columns(live.PrincipalColumns)}";
        if (modelTarget != liveTarget)
        {
            yield return $"is {liveTarget} in the database, {modelTarget} in the model";
        }

        if (model.OnDelete != live.OnDelete)
        {
            yield return $"is ON DELETE {live.OnDelete} in the database, ON DELETE {model.OnDelete} in the model";
        }
    }

    private static string? Describe(KeyShape? key) => key is null ? null : $"\"{key.Name}\" {Columns(key.Columns)}";

    private static string Columns(IEnumerable<string> columns) => $"({string.Join(", ", columns)})";

    private static string Nullability(bool nullable) => nullable ? "nullable" : "NOT NULL";

    private static string NormalizeType(string type)
    {
        var lower = type.Trim().ToLowerInvariant();
        var match = TypeWithModifier().Match(lower);
        var name = match.Groups["name"].Value.Trim();
        return (TypeAliases.GetValueOrDefault(name) ?? name) + match.Groups["rest"].Value.Replace(" ", "", StringComparison.Ordinal);
    }

    /// <summary>Drops what PostgreSQL adds when it stores an expression: casts, parentheses, quotes of identifiers, case.</summary>
    private static string? NormalizeExpression(string? expression) =>
        expression is null ? null : Cast().Replace(expression.ToLowerInvariant(), "").Replace("\"", "", StringComparison.Ordinal)
            .Replace("(", "", StringComparison.Ordinal).Replace(")", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);

    [GeneratedRegex(@"^(?<name>[a-z0-9_ ]+?)\s*(?<rest>(\(.*\))?(\[\])*)$")]
    private static partial Regex TypeWithModifier();

    [GeneratedRegex(@"::[a-z_ ]+(\(\d+(,\d+)?\))?(\[\])*")]
    private static partial Regex Cast();
}
