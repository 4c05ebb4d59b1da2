using Api.Data.QueryCache;
using Npgsql;

namespace Tests.QueryCache;

/// <summary>
/// Buffering a result from a real PostgreSQL reader: every result of one SQL text shares one description of its
/// columns (a cached result may live for minutes, and the GC walks every object it holds), but never a description
/// that no longer fits, such as after the table's column changed type.
/// </summary>
public sealed class ResultBufferingTests(PrivateDatabase database) : IClassFixture<PrivateDatabase>
{
    private const string Query = "SELECT id, label FROM buffering_shapes ORDER BY id";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ResultsOfOneQueryShareTheirColumnsUntilTheShapeChanges()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync(Ct);
        await ExecuteAsync(connection, "CREATE TABLE buffering_shapes (id int PRIMARY KEY, label int NOT NULL); INSERT INTO buffering_shapes VALUES (1, 10), (2, 20)");
        var analysis = new ReadAnalysis(null, ["buffering_shapes"], QueryCacheKey.TextDigest(Query));

        var first = await BufferAsync(connection, analysis);
        var second = await BufferAsync(connection, analysis);
        Assert.Same(first.Columns, second.Columns);
        Assert.Equal([[1, 10], [2, 20]], second.Rows);

        await ExecuteAsync(connection, "ALTER TABLE buffering_shapes ALTER COLUMN label TYPE text");
        var changed = await BufferAsync(connection, analysis);

        Assert.NotSame(first.Columns, changed.Columns);
        Assert.Equal((typeof(string), "text"), (changed.Columns[1].FieldType, changed.Columns[1].DataTypeName));
        Assert.Equal([[1, "10"], [2, "20"]], changed.Rows);
        Assert.Equal((typeof(int), "integer"), (first.Columns[1].FieldType, first.Columns[1].DataTypeName));
    }

    private static async Task<BufferedResult> BufferAsync(NpgsqlConnection connection, ReadAnalysis analysis)
    {
        await using var command = new NpgsqlCommand(Query, connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        return await ResultBuffering.ReadAllAsync(reader, analysis, Ct);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(Ct);
    }
}
