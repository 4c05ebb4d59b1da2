using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Api.Extensions;

/// <summary>
/// An Aspire client integration's health check under the name <c>/health</c> has always reported it by, and with a
/// timeout: Aspire.Npgsql registers its check as "PostgreSql" with none, and a probe must get its answer even when the
/// database hangs.
/// </summary>
internal static class IntegrationHealthChecks
{
    public static void Rename(this IServiceCollection services, string integrationName, string name, TimeSpan timeout) =>
        services.Configure<HealthCheckServiceOptions>(options =>
        {
            // None when configuration turned the integration's checks off (Aspire:Npgsql:DisableHealthChecks).
            if (options.Registrations.SingleOrDefault(r => r.Name == integrationName) is { } registration)
            {
                registration.Name = name;
                registration.Timeout = timeout;
            }
        });
}
