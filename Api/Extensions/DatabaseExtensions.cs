using Api.Data;
using Api.Data.QueryCache;
using Db;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Api.Extensions;

internal static class DatabaseExtensions
{
    public const string HealthCheckName = "postgres";

    // /health must answer within a probe's patience even when PostgreSQL hangs. This bounds a query that hangs; a
    // connect that hangs ends with the connect timeout below, as Npgsql does not give up an open when cancelled
    // (HealthTests: /health answers in 3 s with PostgreSQL accepting connections and never answering).
    private static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(2);

    private const int ConnectTimeoutSeconds = 3;

    // Both handles share one NpgsqlDataSource, hence one connection pool to PostgreSQL: Aspire's, from
    // ConnectionStrings:appdb (or Aspire:Npgsql), with its health check, tracing and metrics.
    public static IHostApplicationBuilder AddAppDatabase(this IHostApplicationBuilder builder)
    {
        builder.AddNpgsqlDataSource(RequiredConnectionStrings.AppDb, configureDataSourceBuilder: UseShortConnectTimeout);
        builder.Services.Rename("PostgreSql", HealthCheckName, HealthCheckTimeout);

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

        // Not Aspire's AddNpgsqlDbContext/EnrichNpgsqlDbContext: each handle is a pooled context of its own on the one
        // data source above, with the query cache's interceptors, and the enrichment would only add what does not fit:
        // a retrying execution strategy, which refuses the endpoints' own transactions (BeginTransactionAsync under the
        // organization's row lock), a health check per handle that loads EF Core on every /health, and the same Npgsql
        // tracing and metrics again.
        builder.Services.AddDbContextPool<DirectDbContext>(ConfigureDirectDbContext);
        builder.Services.AddDbContextPool<CachedDbContext>(ConfigureCachedDbContext);

        return builder;
    }

    // Fail fast when PostgreSQL does not answer (Npgsql waits 15 s by default): a request gets its 503 or its fail-safe
    // cached answer in seconds. A Timeout in the connection string still wins.
    private static void UseShortConnectTimeout(NpgsqlDataSourceBuilder dataSource)
    {
        if (!dataSource.ConnectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase))
        {
            dataSource.ConnectionStringBuilder.Timeout = ConnectTimeoutSeconds;
        }
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
