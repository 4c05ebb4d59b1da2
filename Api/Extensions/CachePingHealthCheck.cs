using Api.Data.QueryCache;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Api.Extensions;

// A PING through the API's own multiplexer, so /health sees the cache the way requests do; and, with the query cache on,
// whether it has loaded the table versions since the instance started, since until then the cached handle sends every
// read to PostgreSQL: an instance is ready once its cache is.
internal sealed class CachePingHealthCheck(IConnectionMultiplexer cache, QueryCacheOptions queryCache, IServiceProvider services) : IHealthCheck
{
    // The table versions load within milliseconds of the connection; a probe that came first waits for them rather than
    // fail, since Aspire re-checks an unhealthy resource only a second later.
    private static readonly TimeSpan QueryCacheGrace = TimeSpan.FromSeconds(1);

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
        }
        catch (RedisException exception)
        {
            // The type, not the message: the client's messages carry endpoints and internal counters.
            return new HealthCheckResult(context.Registration.FailureStatus, $"PING failed ({exception.GetType().Name}).");
        }

        if (queryCache.Enabled && !await services.GetRequiredService<InvalidationBus>().WaitUntilSynchronizedOnceAsync(QueryCacheGrace))
        {
            return new HealthCheckResult(
                context.Registration.FailureStatus, "The query cache has not loaded the table versions from the cache server yet: cached reads go to PostgreSQL.");
        }

        return HealthCheckResult.Healthy();
    }
}
