using Npgsql;

namespace AppHost.Orchestration;

/// <summary>Healthy when a connection opens and answers <c>SELECT 1</c>, as Aspire's Postgres health check.</summary>
internal sealed class PostgresHealthProbe(PostgresServerResource server, EngineContext context) : IHealthProbe
{
    public async Task<string?> CheckAsync(int replica, CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(server.ConnectionString)
        {
            Database = "postgres",
            Pooling = false,
            Timeout = 2,
        };
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return null;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidPassword)
        {
            throw new DistributedApplicationException(
                $"the data folder in {context.StateDirectory} was created with another password than the one in its secrets.json; "
                + $"delete {context.StateDirectory} to start over (its data will be lost)");
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return e.Message;
        }
    }
}
