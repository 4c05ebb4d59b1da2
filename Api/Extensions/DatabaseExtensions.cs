using Api.Data;
using Api.Data.QueryCache;
using Db;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Api.Extensions;

internal static class DatabaseExtensions
{
    public const string HealthCheckName = "postgres";

    // /health must answer within a probe's patience even when PostgreSQL hangs.
    private static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(2);

    private const int ConnectTimeoutSeconds = 3;

    // Both handles share one NpgsqlDataSource, hence one connection pool to PostgreSQL.
    public static IHostApplicationBuilder AddAppDatabase(this IHostApplicationBuilder builder)
    {
        // Read when first resolved, not now, so that configuration added after this call
        // (e.g. by a test host) is the one used.
        builder.Services.AddSingleton(services =>
        {
            var dataSource = new NpgsqlDataSourceBuilder(RequiredConnectionStrings.Get(builder.Configuration, RequiredConnectionStrings.AppDb))
                .UseLoggerFactory(services.GetRequiredService<ILoggerFactory>());

            // Fail fast when PostgreSQL does not answer (Npgsql waits 15 s by default): a request gets its 503
            // or its fail-safe cached answer in seconds. A Timeout in the connection string still wins.
            if (!dataSource.ConnectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
            {
                dataSource.ConnectionStringBuilder.Timeout = ConnectTimeoutSeconds;
            }

            return dataSource.Build();
        });

        builder.AddQueryCache();
        // Results cached by a release with other migrations (a column whose type changed) are never read by this one.
        builder.Services.PostConfigure<QueryCacheOptions>(options =>
        {
            if (options.SchemaVersion.Length == 0 && MigrationHistory.Known is [.., var latest])
            {
                options.SchemaVersion = latest;
            }
        });
        builder.Services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();

        builder.Services.AddDbContextPool<DirectDbContext>(ConfigureDirectDbContext);
        builder.Services.AddDbContextPool<CachedDbContext>(ConfigureCachedDbContext);

        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddNpgsql());

        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>(HealthCheckName, timeout: HealthCheckTimeout);

        return builder;
    }

    // The direct handle never serves cached rows, but its writes invalidate them.
    private static void ConfigureDirectDbContext(IServiceProvider services, DbContextOptionsBuilder options) =>
        options.UseAppDatabase(services.GetRequiredService<NpgsqlDataSource>())
            .UseCompiledModel()
            .UseQueryCacheInvalidation(services);

    // The query cache's seam: its interceptors are added here and only here.
    private static void ConfigureCachedDbContext(IServiceProvider services, DbContextOptionsBuilder options) =>
        options.UseAppDatabase(services.GetRequiredService<NpgsqlDataSource>())
            .UseCompiledModel()
            .UseQueryCache(services);
}
