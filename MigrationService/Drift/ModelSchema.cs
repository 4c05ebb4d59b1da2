using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MigrationService.Drift;

/// <summary>The tables the EF Core model maps, read from its relational model (what migrations are generated from).</summary>
internal static class ModelSchema
{
    public static Dictionary<string, TableShape> Read(DbContext db, string schema) =>
        Read(db.GetService<IDesignTimeModel>().Model.GetRelationalModel(), schema);

    public static Dictionary<string, TableShape> Read(IRelationalModel model, string schema)
    {
        var tables = new Dictionary<string, TableShape>(StringComparer.Ordinal);
        foreach (var table in model.Tables.Where(t => (t.Schema ?? "public") == schema))
        {
            var shape = new TableShape(table.Name);
            foreach (var column in table.Columns)
            {
                shape.Columns[column.Name] = new ColumnShape(column.Name, column.StoreType, column.IsNullable, DefaultOf(column));
            }

            if (table.PrimaryKey is { } primaryKey)
            {
                shape.PrimaryKey = new KeyShape(primaryKey.Name, Names(primaryKey.Columns));
            }

            foreach (var unique in table.UniqueConstraints.Where(u => u.Name != table.PrimaryKey?.Name))
            {
                shape.UniqueConstraints[unique.Name] = new KeyShape(unique.Name, Names(unique.Columns));
            }

            foreach (var index in table.Indexes)
            {
                shape.Indexes[index.Name] = new IndexShape(index.Name, Names(index.Columns), index.IsUnique, index.Filter);
            }

            foreach (var foreignKey in table.ForeignKeyConstraints)
            {
                shape.ForeignKeys[foreignKey.Name] = new ForeignKeyShape(
                    foreignKey.Name, Names(foreignKey.Columns), foreignKey.PrincipalTable.Name, Names(foreignKey.PrincipalColumns), OnDelete(foreignKey.OnDeleteAction));
            }

            tables[table.Name] = shape;
        }

        return tables;
    }

    private static List<string> Names(IEnumerable<IColumn> columns) => [.. columns.Select(c => c.Name)];

    // A CLR default becomes the SQL literal the migration would write (false → FALSE, "pending" → 'pending').
    private static string? DefaultOf(IColumn column) =>
        column.DefaultValueSql ?? (column.DefaultValue is { } value ? column.StoreTypeMapping.GenerateSqlLiteral(value) : null);

    public static string OnDelete(ReferentialAction action) => action switch
    {
        ReferentialAction.Cascade => "CASCADE",
        ReferentialAction.Restrict => "RESTRICT",
        ReferentialAction.SetNull => "SET NULL",
        ReferentialAction.SetDefault => "SET DEFAULT",
        _ => "NO ACTION",
    };
}
