using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Api.Extensions;

/// <summary>
/// Migrated before serving: /health (readiness) is Unhealthy and every other request gets 503 with Retry-After until
/// the database has this build's migrations. A platform with a readiness probe on /health keeps the previous release
/// serving meanwhile; without one, clients get a retryable 503 instead of errors from a missing column.
/// </summary>
internal static class SchemaReadiness
{
    public const string HealthCheckName = "schema";

    private static readonly TimeSpan HealthCheckTimeout = TimeSpan.FromSeconds(2);

    public static IHostApplicationBuilder AddSchemaReadiness(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SchemaVersion>();
        builder.Services.AddHealthChecks().AddCheck<SchemaHealthCheck>(HealthCheckName, timeout: HealthCheckTimeout);
        builder.Services.AddTransient<IStartupFilter, SchemaGateStartupFilter>();
        return builder;
    }

    private sealed class SchemaHealthCheck(SchemaVersion schema) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                var (isCurrent, missing) = await schema.CheckAsync(cancellationToken);
                return isCurrent
                    ? HealthCheckResult.Healthy()
                    : new HealthCheckResult(context.Registration.FailureStatus, $"waiting for migrations: {string.Join(", ", missing)}");
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                // The postgres check reports an unreachable server; this one only speaks about the schema.
                return new HealthCheckResult(context.Registration.FailureStatus, "schema unknown: the database cannot be reached");
            }
        }
    }

    /// <summary>First in the pipeline, so no endpoint runs against an older schema than it was built for.</summary>
    private sealed class SchemaGateStartupFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, nextMiddleware) =>
            {
                if (!IsProbe(context.Request.Path) && !await IsCurrentOrUnknownAsync(context))
                {
                    context.Response.Headers.RetryAfter = "5";
                    await TypedResults.Problem(
                        title: "Database migration in progress",
                        detail: "This release's database migrations have not been applied yet; retry in a few seconds.",
                        statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(context);
                    return;
                }

                await nextMiddleware(context);
            });
            next(app);
        };

        private static bool IsProbe(PathString path) =>
            path.StartsWithSegments(Microsoft.Extensions.Hosting.Extensions.HealthEndpointPath)
            || path.StartsWithSegments(Microsoft.Extensions.Hosting.Extensions.AlivenessEndpointPath);

        // An unreachable database is the endpoints' to report, as before; only a known-old schema is held back here.
        private static async Task<bool> IsCurrentOrUnknownAsync(HttpContext context)
        {
            try
            {
                return (await context.RequestServices.GetRequiredService<SchemaVersion>().CheckAsync(context.RequestAborted)).IsCurrent;
            }
            catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
            {
                return true;
            }
        }
    }
}
