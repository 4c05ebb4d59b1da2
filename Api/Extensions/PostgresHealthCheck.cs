using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Api.Extensions;

// SELECT 1 through the API's own data source (the pool requests use), without loading EF Core: the API reports
// healthy as soon as PostgreSQL answers, not after EF's first model build (~1.5 s of JIT on a 2-core machine).
internal sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            // Npgsql's messages name the failure ("Failed to connect to 127.0.0.1:5432", "57P01: terminating
            // connection..."), never the password.
            return new HealthCheckResult(context.Registration.FailureStatus, exception.Message);
        }
    }
}
