using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Api.Data.QueryCache;

/// <summary>How the query cache plugs into the host and into each database handle.</summary>
internal static class QueryCacheRegistration
{
    public static IHostApplicationBuilder AddQueryCache(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<QueryCacheOptions>()
            .BindConfiguration(QueryCacheOptions.SectionName)
            .Validate(o => o.MaxAge > TimeSpan.Zero && o.StaleWhileRevalidate >= TimeSpan.Zero && o.FailSafe >= TimeSpan.Zero,
                "QueryCache:MaxAge must be positive and QueryCache:StaleWhileRevalidate and QueryCache:FailSafe not negative (e.g. QueryCache__MaxAge=00:01:00).")
            .Validate(o => o.CacheServerTimeout > TimeSpan.Zero && o.CacheServerBreakDuration > TimeSpan.Zero && o.CacheServerHeartbeat > TimeSpan.Zero
                    && o.MaxResultBytes > 0 && o.MemoryLimitBytes > 0,
                "QueryCache:CacheServerTimeout, CacheServerBreakDuration, CacheServerHeartbeat, MaxResultBytes and MemoryLimitBytes must be positive.")
            .ValidateOnStart();

        var services = builder.Services;
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<QueryCacheOptions>>().Value);
        services.AddSingleton<QueryCacheTelemetry>();
        services.AddSingleton<ReadAnalyzer>();
        services.AddSingleton<WriteAnalyzer>();
        services.AddSingleton<TableVersions>();
        services.AddSingleton<CacheNamespace>();
        services.AddSingleton<CacheServerCircuit>();
        services.AddSingleton<SharedEntryDirectory>();
        services.AddSingleton<QueryResultStore>();
        services.AddSingleton<InvalidationBus>();
        services.AddSingleton<QueryResultCache>();
        services.AddSingleton<CacheServerHeartbeat>();
        services.AddSingleton<QueryCacheInterceptor>();
        services.AddSingleton<LazyConnectionInterceptor>();
        services.AddSingleton<WriteTrackingInterceptor>();
        services.AddHostedService<QueryCacheWarmup>();
        services.AddTransient<IStartupFilter, QueryCacheStartupFilter>();
        services.TryAddSingleton(TimeProvider.System);

        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(QueryCacheTelemetry.MeterName));

        return builder;
    }

    /// <summary>The cached handle: reads through the cache, connections opened only when PostgreSQL is needed.</summary>
    public static DbContextOptionsBuilder UseQueryCache(this DbContextOptionsBuilder options, IServiceProvider services)
    {
        if (!services.GetRequiredService<QueryCacheOptions>().Enabled)
        {
            return options;
        }

        return options.AddInterceptors(
            services.GetRequiredService<LazyConnectionInterceptor>(),
            services.GetRequiredService<WriteTrackingInterceptor>(),
            services.GetRequiredService<QueryCacheInterceptor>());
    }

    /// <summary>Any handle that writes: its committed writes invalidate the cached results they affect.</summary>
    public static DbContextOptionsBuilder UseQueryCacheInvalidation(this DbContextOptionsBuilder options, IServiceProvider services) =>
        services.GetRequiredService<QueryCacheOptions>().Enabled
            ? options.AddInterceptors(services.GetRequiredService<WriteTrackingInterceptor>())
            : options;
}
