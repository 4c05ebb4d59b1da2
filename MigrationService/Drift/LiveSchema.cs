using Npgsql;

namespace MigrationService.Drift;

/// <summary>The tables of one schema as the database's catalog (pg_catalog) describes them.</summary>
internal static class LiveSchema
{
    /// <summary>EF Core's own bookkeeping tables, which the model does not map.</summary>
    public static readonly IReadOnlySet<string> BookkeepingTables = new HashSet<string>(StringComparer.Ordinal) { "__EFMigrationsHistory", "__EFMigrationsLock" };

    private const string TablesSql = """
        SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY c.relname
        """;

    private const string ColumnsSql = """
        SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull, pg_get_expr(d.adbin, d.adrelid)
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        JOIN pg_namespace n ON n.oid = c.relnamespace
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
        ORDER BY c.relname, a.attnum
        """;

    private const string ConstraintsSql = """
        SELECT t.relname, con.conname, con.contype::text,
          ARRAY(SELECT att.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(n, o)
                JOIN pg_attribute att ON att.attrelid = con.conrelid AND att.attnum = k.n ORDER BY k.o),
          ft.relname,
          ARRAY(SELECT att.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(n, o)
                JOIN pg_attribute att ON att.attrelid = con.confrelid AND att.attnum = k.n ORDER BY k.o),
          con.confdeltype::text
        FROM pg_constraint con
        JOIN pg_class t ON t.oid = con.conrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        LEFT JOIN pg_class ft ON ft.oid = con.confrelid
        WHERE n.nspname = $1 AND con.contype IN ('p', 'u', 'f')
        """;

    // Indexes that back a primary key or unique constraint are compared as those constraints instead.
    private const string IndexesSql = """
        SELECT t.relname, i.relname, ix.indisunique,
          ARRAY(SELECT a.attname::text FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(n, o)
                JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.n ORDER BY k.o),
          pg_get_expr(ix.indpred, ix.indrelid)
        FROM pg_index ix
        JOIN pg_class i ON i.oid = ix.indexrelid
        JOIN pg_class t ON t.oid = ix.indrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
        WHERE n.nspname = $1 AND NOT EXISTS (
          SELECT 1 FROM pg_constraint con WHERE con.conindid = ix.indexrelid AND con.conrelid = ix.indrelid AND con.contype IN ('p', 'u', 'x'))
        """;

    public static async Task<Dictionary<string, TableShape>> ReadAsync(NpgsqlConnection connection, string schema, CancellationToken cancellationToken)
    {
        var tables = new Dictionary<string, TableShape>(StringComparer.Ordinal);
        await ForEachRowAsync(connection, TablesSql, schema, r => tables[r.GetString(0)] = new TableShape(r.GetString(0)), cancellationToken);
        await ForEachRowAsync(connection, ColumnsSql, schema, r =>
            tables[r.GetString(0)].Columns[r.GetString(1)] = new ColumnShape(r.GetString(1), r.GetString(2), r.GetBoolean(3), r.IsDBNull(4) ? null : r.GetString(4)),
            cancellationToken);
        await ForEachRowAsync(connection, ConstraintsSql, schema, r => AddConstraint(tables[r.GetString(0)], r), cancellationToken);
        await ForEachRowAsync(connection, IndexesSql, schema, r =>
            tables[r.GetString(0)].Indexes[r.GetString(1)] = new IndexShape(r.GetString(1), r.GetFieldValue<string[]>(3), r.GetBoolean(2), r.IsDBNull(4) ? null : r.GetString(4)),
            cancellationToken);
        return tables;
    }

    private static void AddConstraint(TableShape table, NpgsqlDataReader row)
    {
        var name = row.GetString(1);
        var columns = row.GetFieldValue<string[]>(3);
        switch (row.GetString(2))
        {
            case "p":
                table.PrimaryKey = new KeyShape(name, columns);
                break;
            case "u":
                table.UniqueConstraints[name] = new KeyShape(name, columns);
                break;
            default:
                table.ForeignKeys[name] = new ForeignKeyShape(name, columns, row.GetString(4), row.GetFieldValue<string[]>(5), OnDelete(row.GetString(6)));
                break;
        }
    }

    // pg_constraint.confdeltype codes.
    private static string OnDelete(string code) => code switch
    {
        "c" => "CASCADE",
        "r" => "RESTRICT",
        "n" => "SET NULL",
        "d" => "SET DEFAULT",
        _ => "NO ACTION",
    };

    private static async Task ForEachRowAsync(NpgsqlConnection connection, string sql, string schema, Action<NpgsqlDataReader> read, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new() { Value = schema } } };
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            read(reader);
        }
    }
}
