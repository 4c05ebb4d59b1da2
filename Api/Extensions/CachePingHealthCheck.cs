using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Api.Extensions;

// A PING through the API's own multiplexer, so /health sees the cache the way requests do.
internal sealed class CachePingHealthCheck(IConnectionMultiplexer cache) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        // While reconnecting, the client would queue the PING until its own 5 s timeout; a probe
        // wants the answer now.
        if (!cache.IsConnected)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Not connected to the cache.");
        }

        try
        {
            // The client's PING takes no token; WaitAsync lets the registration's timeout apply.
            await cache.GetDatabase().PingAsync().WaitAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (RedisException exception)
        {
            // The type, not the message: the client's messages carry endpoints and internal counters.
            return new HealthCheckResult(context.Registration.FailureStatus, $"PING failed ({exception.GetType().Name}).");
        }
    }
}
