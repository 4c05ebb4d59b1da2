using Db;
using Npgsql;
using OpenTelemetry.Trace;

namespace MigrationService;

public static class MigrationWorkerExtensions
{
    public static IHostApplicationBuilder AddMigrationWorker(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Read when the context is first resolved, after the worker has checked the connection string and
        // reported a missing one in a single line instead of a startup stack trace.
        builder.Services.AddDbContext<AppDbContext>((services, options) =>
            options.UseAppDatabase(AppDbConnectionString.Read(services.GetRequiredService<IConfiguration>())));

        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(MigrationWorker.ActivitySourceName).AddNpgsql());

        builder.Services.AddHostedService<MigrationWorker>();
        return builder;
    }
}
