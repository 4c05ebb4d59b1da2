using StackExchange.Redis;

namespace Api.Extensions;

internal static class CacheExtensions
{
    public const string HealthCheckName = "cache";

    // /health must answer within a probe's patience even when the cache hangs.
    private static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(2);

    public static IHostApplicationBuilder AddCache(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IConnectionMultiplexer>(services =>
        {
            var options = ConfigurationOptions.Parse(
                RequiredConnectionStrings.Get(builder.Configuration, RequiredConnectionStrings.Cache));

            // The API must start, and keep serving from PostgreSQL, while the cache is down; the
            // multiplexer reconnects in the background.
            options.AbortOnConnectFail = false;
            options.LoggerFactory = services.GetRequiredService<ILoggerFactory>();

            return ConnectionMultiplexer.Connect(options);
        });

        builder.Services.AddHealthChecks().AddCheck<CachePingHealthCheck>(
            HealthCheckName,
            timeout: HealthCheckTimeout);

        return builder;
    }
}
