using Db;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OpenTelemetry.Trace;

namespace MigrationService;

public static class MigrationWorkerExtensions
{
    public static IHostApplicationBuilder AddMigrationWorker(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Aspire's context from ConnectionStrings:appdb (or Aspire:Npgsql:EntityFrameworkCore:PostgreSQL), with its
        // retrying execution strategy (DatabaseMigrator runs EF Core's migrator inside it), Npgsql tracing and metrics.
        // The worker checks the connection string itself before the context is first resolved, to report a missing or
        // malformed one in a single line (AppDbConnectionString). Its other connections (the server wait, CREATE DATABASE
        // on the maintenance database, the advisory lock's unpooled session) are each a connection string of their own
        // derived from it, so they stay plain NpgsqlConnections; Npgsql traces those too.
        var skipModelCheck = builder.Environment.IsDevelopment();
        builder.AddNpgsqlDbContext<AppDbContext>(AppDbConnectionString.Name, configureDbContextOptions: options =>
        {
            options.UseAppDatabaseConventions();
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

        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddSource(MigrationWorker.ActivitySourceName));

        builder.Services.AddHostedService<MigrationWorker>();
        return builder;
    }
}
