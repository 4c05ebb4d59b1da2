using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace AppHost.LocalProcesses;

/// <summary>
/// Healthy when a connection to the server (or one of its databases) opens and answers <c>SELECT 1</c>, as Aspire's
/// Npgsql check. Unpooled: an idle pooled connection held by the AppHost would keep PostgreSQL's shutdown waiting.
/// A refused password gets its cause: a data folder kept from a run whose generated password was since lost.
/// A server that does not listen yet is given a second to open its port: Aspire checks a resource as soon as its process
/// runs, and after a failed check waits a second before the next, which was a second of every start.
/// </summary>
internal sealed class PostgresHealthCheck(LocalPostgresServerResource server, string? database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var connectionString = await server.ConnectionStringExpression.GetValueAsync(cancellationToken);
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Database = database ?? "postgres",
            Pooling = false,
            Timeout = 2,
        };
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await OpenAsync(connection, cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidPassword)
        {
            return HealthCheckResult.Unhealthy(
                $"PostgreSQL refuses the password of parameter {server.PasswordParameter.Name}: its data folder {server.DataFolder} was made "
                + "with another one. Put that password back in the AppHost's user secrets (Parameters:" + server.PasswordParameter.Name
                + "), or stop the app and delete the folder to start over (its data will be lost).");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy(e.Message);
        }
    }

    private static async Task OpenAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await connection.OpenAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException e) when (attempt < 20 && IsStarting(e))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
        }
    }

    /// <summary>Its port not open yet, or open while the server is still starting ("the database system is starting up").</summary>
    private static bool IsStarting(NpgsqlException e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.CannotConnectNow }
        || e.InnerException is System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.ConnectionRefused };
}
