using Db;
using Microsoft.EntityFrameworkCore.Diagnostics;
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
        var skipModelCheck = builder.Environment.IsDevelopment();
        builder.Services.AddDbContext<AppDbContext>((services, options) =>
        {
            options.UseAppDatabase(AppDbConnectionString.Read(services.GetRequiredService<IConfiguration>()));
            if (skipModelCheck)
            {
                // When EF Core's migrator applies a migration (one without an up-to-date SQL script), it first compares
                // the model with the last migration's snapshot: 0.2 to 0.5 s on two cores. In development that
                // comparison is the test suite's (MigrationServiceTests) and `db check`'s, which also name what
                // changed; deployed environments keep the refusal to migrate a model that has no migration (the
                // worker makes the same check before running scripts).
                options.ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning));
            }
        });

        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(MigrationWorker.ActivitySourceName).AddNpgsql());

        builder.Services.AddHostedService<MigrationWorker>();
        return builder;
    }
}
