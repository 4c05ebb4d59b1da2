namespace Api.Extensions;

internal static class CacheExtensions
{
    public const string HealthCheckName = "cache";

    // /health must answer within a probe's patience even when the cache hangs.
    private static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(2);

    // Aspire's IConnectionMultiplexer from ConnectionStrings:cache (or Aspire:StackExchange:Redis), with its default of
    // not aborting when the first connect fails: the API must start, and keep serving from PostgreSQL, while the cache
    // is down; the multiplexer reconnects in the background.
    public static IHostApplicationBuilder AddCache(this IHostApplicationBuilder builder)
    {
        builder.AddRedisClient(RequiredConnectionStrings.Cache, settings =>
        {
            // Auto-activation would connect synchronously while the host starts, before Kestrel listens; the query
            // cache's warm-up connects off that path instead (QueryCacheWarmup), as the start-up figures assume.
            settings.DisableAutoActivation = true;

            // Its tracing profiles every command on the query cache's hot paths and turns each command run outside a
            // request into a trace of its own: the heartbeat's PING every 100 ms alone is ten traces a second per
            // replica in the dashboard. The cache reports what it does as metrics (QueryCacheTelemetry).
            settings.DisableTracing = true;

            // Its check (AspNetCore.HealthChecks.Redis) sends two PINGs that wait in the client's backlog while the
            // cache is down and ignores the probe's timeout: /health then took 5.3 to 6 s and said nothing of why.
            // CachePingHealthCheck answers at once while disconnected.
            settings.DisableHealthChecks = true;
        });
        builder.Services.AddHealthChecks().AddCheck<CachePingHealthCheck>(HealthCheckName, timeout: HealthCheckTimeout);

        return builder;
    }
}
