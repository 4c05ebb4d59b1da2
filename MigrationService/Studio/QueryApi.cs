using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Npgsql;

namespace MigrationService.Studio;

/// <summary>
/// <c>POST /api/query</c>: one SQL statement inside a READ ONLY transaction with a statement timeout, always rolled
/// back. Sent as a single protocol-level statement, so "COMMIT; DELETE ..." is rejected rather than split.
/// </summary>
internal static class QueryApi
{
    public const int MaxRows = 1000;
    public const int TimeoutSeconds = 5;

    public sealed record QueryRequest(string? Sql);

    public static void Map(IEndpointRouteBuilder routes, NpgsqlDataSource dataSource)
    {
        routes.MapPost("/api/query", async (QueryRequest request, CancellationToken cancellationToken) =>
        {
            if (string.IsNullOrWhiteSpace(request.Sql))
            {
                return Results.Problem("Write a SQL query to run.", statusCode: StatusCodes.Status400BadRequest);
            }

            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using (var setUp = new NpgsqlCommand($"SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = '{TimeoutSeconds}s'", connection, transaction))
            {
                await setUp.ExecuteNonQueryAsync(cancellationToken);
            }

            try
            {
                // A batch command is sent as written: PostgreSQL refuses more than one statement in it.
                await using var batch = new NpgsqlBatch(connection, transaction) { BatchCommands = { new NpgsqlBatchCommand(request.Sql) } };
                await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
                var rows = await RowReader.ReadAsync(reader, MaxRows, cancellationToken);
                return Results.Ok(rows);
            }
            catch (PostgresException exception)
            {
                return Results.Problem(QueryFailure(exception), statusCode: StatusCodes.Status400BadRequest);
            }
        });
    }

    private static string QueryFailure(PostgresException exception) => exception.SqlState switch
    {
        "25006" => $"The query runner is read-only ({exception.MessageText}). Edit rows in the table view instead.",
        "57014" => $"The query was stopped after {TimeoutSeconds} s (statement timeout).",
        "42601" when exception.MessageText.Contains("multiple commands", StringComparison.Ordinal) => "Run one statement at a time.",
        _ => exception.MessageText,
    };
}
