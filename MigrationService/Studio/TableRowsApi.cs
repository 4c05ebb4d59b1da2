using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MigrationService.Drift;
using Npgsql;
using static MigrationService.Studio.StudioTables;

namespace MigrationService.Studio;

/// <summary>Browsing and editing rows: <c>/api/tables/{table}/rows[/{id}]</c>. Values travel as text, cast by PostgreSQL to the column's type.</summary>
internal sealed class TableRowsApi(NpgsqlDataSource dataSource, StudioTables tables, NewRowIds ids, bool readOnly)
{
    private const int MaxPageSize = 200;
    private const int MaxRelatedRows = 50;

    public sealed record EditRequest(string? Column, string? Value);

    public sealed record InsertRequest(Dictionary<string, string?>? Values);

    public void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/tables/{table}/rows", BrowseAsync);
        routes.MapGet("/api/tables/{table}/rows/{id}", RowAsync);
        routes.MapPatch("/api/tables/{table}/rows/{id}", (string table, string id, EditRequest edit, CancellationToken ct) => WriteAsync(table, t => EditAsync(t, id, edit, ct), ct));
        routes.MapPost("/api/tables/{table}/rows", (string table, InsertRequest insert, CancellationToken ct) => WriteAsync(table, t => InsertAsync(t, insert, ct), ct));
        routes.MapDelete("/api/tables/{table}/rows/{id}", (string table, string id, CancellationToken ct) => WriteAsync(table, t => DeleteAsync(t, id, ct), ct));
    }

    private async Task<IResult> BrowseAsync(string table, int? page, int? size, string? sort, bool? desc, string? column, string? contains, CancellationToken cancellationToken)
    {
        if (await tables.FindAsync(table, cancellationToken) is not { } shape)
        {
            return NoTable(table);
        }

        var pageSize = Math.Clamp(size ?? 50, 1, MaxPageSize);
        var pageNumber = Math.Max(page ?? 1, 1);
        var orderBy = sort is not null && shape.Columns.ContainsKey(sort) ? sort : KeyColumn(shape) ?? shape.Columns.Keys.First();
        var filtered = column is not null && shape.Columns.ContainsKey(column) && !string.IsNullOrEmpty(contains);
        var where = filtered ? $"WHERE {Quote(column!)}::text ILIKE $1" : "";

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var count = Command(connection, $"SELECT count(*) FROM {QualifiedName(table)} {where}", filtered ? Like(contains!) : null);
        var total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        var tieBreak = KeyColumn(shape) is { } key && key != orderBy ? $", {Quote(key)}" : "";
        await using var select = Command(connection,
            $"SELECT {TextColumns(shape)} FROM {QualifiedName(table)} {where} ORDER BY {Quote(orderBy)} {(desc == true ? "DESC" : "ASC")} NULLS LAST{tieBreak} "
            + $"LIMIT {pageSize} OFFSET {(long)(pageNumber - 1) * pageSize}",
            filtered ? Like(contains!) : null);
        var rows = await RowReader.ReadAsync(select, pageSize, cancellationToken);
        return Results.Ok(new { total, page = pageNumber, size = pageSize, sort = orderBy, desc = desc == true, rows.Columns, rows.Values });
    }

    private async Task<IResult> RowAsync(string table, string id, CancellationToken cancellationToken)
    {
        var all = await tables.ReadAsync(cancellationToken);
        if (all.GetValueOrDefault(table) is not { } shape || KeyColumn(shape) is not { } key)
        {
            return NoTable(table);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await SelectWhereAsync(connection, shape, key, id, 1, cancellationToken);
        if (row.Values.Count == 0)
        {
            return Results.Problem($"There is no row with {key} = {id} in {table}.", statusCode: StatusCodes.Status404NotFound);
        }

        var related = new List<object>();
        var values = row.Columns.Zip(row.Values[0]).ToDictionary(p => p.First, p => p.Second);

        // Parents: the rows this one points at.
        foreach (var foreignKey in shape.ForeignKeys.Values.Where(f => f.Columns.Count == 1 && all.ContainsKey(f.PrincipalTable)))
        {
            if (values[foreignKey.Columns[0]] is { } value)
            {
                var parent = all[foreignKey.PrincipalTable];
                related.Add(Related(parent, $"{table}.{foreignKey.Columns[0]} → {parent.Name}.{foreignKey.PrincipalColumns[0]}",
                    await SelectWhereAsync(connection, parent, foreignKey.PrincipalColumns[0], value, 1, cancellationToken)));
            }
        }

        // Children: the rows that point at this one.
        foreach (var child in all.Values.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            foreach (var foreignKey in child.ForeignKeys.Values.Where(f => f.PrincipalTable == table && f.Columns.Count == 1))
            {
                if (values[foreignKey.PrincipalColumns[0]] is { } value)
                {
                    related.Add(Related(child, $"{child.Name}.{foreignKey.Columns[0]} → {table}.{foreignKey.PrincipalColumns[0]}",
                        await SelectWhereAsync(connection, child, foreignKey.Columns[0], value, MaxRelatedRows, cancellationToken)));
                }
            }
        }

        return Results.Ok(new { table, key, row = values, related });
    }

    private static object Related(TableShape table, string via, RowReader.Rows rows) =>
        new { table = table.Name, key = KeyColumn(table), via, rows.Columns, rows.Values, rows.Truncated };

    private async Task<IResult> WriteAsync(string table, Func<TableShape, Task<IResult>> write, CancellationToken cancellationToken)
    {
        if (readOnly)
        {
            return Results.Problem("The studio is read-only for this environment: restart it with --allow-writes to change rows.", statusCode: StatusCodes.Status403Forbidden);
        }

        if (await tables.FindAsync(table, cancellationToken) is not { } shape || KeyColumn(shape) is null)
        {
            return NoTable(table);
        }

        try
        {
            return await write(shape);
        }
        catch (PostgresException exception)
        {
            // The client's value or change was refused (bad format, NOT NULL, foreign key...): say why, change nothing.
            return Results.Problem(exception.MessageText + (exception.Detail is { } detail ? $" ({detail})" : ""), statusCode: StatusCodes.Status400BadRequest);
        }
    }

    private async Task<IResult> EditAsync(TableShape table, string id, EditRequest edit, CancellationToken cancellationToken)
    {
        if (edit.Column is null || !table.Columns.TryGetValue(edit.Column, out var column))
        {
            return Results.Problem($"{table.Name} has no column '{edit.Column}'.", statusCode: StatusCodes.Status400BadRequest);
        }

        var key = KeyColumn(table)!;

        // The application stamps updated_at on every update; an edit here does the same unless it sets it itself.
        var stamp = table.Columns.ContainsKey("updated_at") && column.Name != "updated_at" ? ", updated_at = now()" : "";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var update = Command(connection,
            $"UPDATE {QualifiedName(table.Name)} SET {Quote(column.Name)} = CAST($1 AS {column.Type}){stamp} WHERE {Quote(key)}::text = $2",
            edit.Value, id);
        return await update.ExecuteNonQueryAsync(cancellationToken) == 0
            ? Results.Problem($"There is no row with {key} = {id} in {table.Name}.", statusCode: StatusCodes.Status404NotFound)
            : Results.Ok(new { updated = 1 });
    }

    private async Task<IResult> InsertAsync(TableShape table, InsertRequest insert, CancellationToken cancellationToken)
    {
        var values = (insert.Values ?? []).Where(v => v.Value is not null && v.Value.Length > 0).ToDictionary(v => v.Key, v => v.Value);
        if (values.Keys.FirstOrDefault(name => !table.Columns.ContainsKey(name)) is { } unknown)
        {
            return Results.Problem($"{table.Name} has no column '{unknown}'.", statusCode: StatusCodes.Status400BadRequest);
        }

        var key = KeyColumn(table)!;
        if (!values.ContainsKey(key) && ids.NewId(table.Name) is { } generated)
        {
            values[key] = generated;
        }

        var names = values.Keys.ToList();
        var sql = names.Count == 0
            ? $"INSERT INTO {QualifiedName(table.Name)} DEFAULT VALUES RETURNING {Quote(key)}::text"
            : $"INSERT INTO {QualifiedName(table.Name)} ({string.Join(", ", names.Select(Quote))}) "
                + $"VALUES ({string.Join(", ", names.Select((n, i) => $"CAST(${i + 1} AS {table.Columns[n].Type})"))}) RETURNING {Quote(key)}::text";
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, sql, [.. names.Select(n => values[n])]);
        var id = (string?)await command.ExecuteScalarAsync(cancellationToken);
        return Results.Created($"/api/tables/{table.Name}/rows/{Uri.EscapeDataString(id ?? "")}", new { id });
    }

    private async Task<IResult> DeleteAsync(TableShape table, string id, CancellationToken cancellationToken)
    {
        var key = KeyColumn(table)!;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var delete = Command(connection, $"DELETE FROM {QualifiedName(table.Name)} WHERE {Quote(key)}::text = $1", id);
        return await delete.ExecuteNonQueryAsync(cancellationToken) == 0
            ? Results.Problem($"There is no row with {key} = {id} in {table.Name}.", statusCode: StatusCodes.Status404NotFound)
            : Results.Ok(new { deleted = 1 });
    }

    private static async Task<RowReader.Rows> SelectWhereAsync(NpgsqlConnection connection, TableShape table, string column, string value, int limit, CancellationToken cancellationToken)
    {
        await using var select = Command(connection,
            $"SELECT {TextColumns(table)} FROM {QualifiedName(table.Name)} WHERE {Quote(column)}::text = $1 LIMIT {limit + 1}", value);
        return await RowReader.ReadAsync(select, limit, cancellationToken);
    }

    // PostgreSQL's own text form of every value: exact for timestamps, numerics and arrays alike.
    private static string TextColumns(TableShape table) => string.Join(", ", table.Columns.Keys.Select(c => $"{Quote(c)}::text AS {Quote(c)}"));

    private static string Like(string contains) =>
        "%" + contains.Replace(@"\", @"\\", StringComparison.Ordinal).Replace("%", @"\%", StringComparison.Ordinal).Replace("_", @"\_", StringComparison.Ordinal) + "%";

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params string?[]? parameters)
    {
        var command = new NpgsqlCommand(sql, connection);
        foreach (var parameter in parameters ?? [])
        {
            command.Parameters.Add(new NpgsqlParameter { Value = (object?)parameter ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        }

        return command;
    }

    private static IResult NoTable(string table) =>
        Results.Problem($"There is no table '{table}' with a single-column primary key in schema {Schema}.", statusCode: StatusCodes.Status404NotFound);
}
