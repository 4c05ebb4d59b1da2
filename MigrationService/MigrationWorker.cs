using System.Diagnostics;
using Db;
using Db.Seeding;
using Npgsql;

namespace MigrationService;

/// <summary>
/// Brings the database to the current schema (and the example data in development), then stops the
/// application: the AppHost starts the Api only once this process has exited with code 0.
/// </summary>
public sealed partial class MigrationWorker(
    IServiceScopeFactory scopeFactory,
    IConfiguration configuration,
    IHostEnvironment environment,
    IHostApplicationLifetime lifetime,
    IServiceProvider services,
    ILogger<MigrationWorker> logger) : BackgroundService
{
    public const string ActivitySourceName = "MigrationService";

    private static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await MigrateAndSeedAsync(stoppingToken);

        // This process ends by itself: its spans and logs go out now, before the stop, once a dashboard that starts
        // beside it listens.
        await TelemetryEndpointWait.UntilTheEndpointListensAsync(configuration, stoppingToken);
        await services.FlushTelemetryAsync(TelemetryFlush.CompletionBudget);
        await AfterCompletion.StopOrStayUpAsync(Environment.ExitCode == 0, configuration, lifetime, logger, stoppingToken);
    }

    private async Task MigrateAndSeedAsync(CancellationToken stoppingToken)
    {
        using var activity = ActivitySource.StartActivity("Migrate database");
        try
        {
            var connectionString = AppDbConnectionString.Read(configuration);
            await WaitForServerAsync(connectionString, logger, stoppingToken);
            await CreateDatabaseAsync(connectionString, logger, stoppingToken);

            await using var scope = scopeFactory.CreateAsyncScope();
            await using (var migrationLock = await AcquireLockAsync(connectionString, logger, stoppingToken))
            {
                await MigrateAsync(
                    migrationLock.Connection, scope.ServiceProvider.GetRequiredService<AppDbContext>, !environment.IsDevelopment(), logger, stoppingToken);
                if (IsSeedingEnabled(configuration, environment))
                {
                    await SeedAsync(migrationLock.Connection, environment.IsDevelopment() ? SeedKind.DevelopmentDemo : SeedKind.ExampleData, logger, stoppingToken);
                }
            }
        }
        // Caught here rather than left to the host, which would log a stack trace for a wrong password.
        catch (Exception exception)
        {
            activity?.AddException(exception).SetStatus(ActivityStatusCode.Error);
            Environment.ExitCode = FailureReport.Write(exception, Console.Error);
        }
    }

    private static async Task WaitForServerAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        using var activity = ActivitySource.StartActivity("Wait for database server");
        await DatabaseServer.WaitUntilReachableAsync(connectionString, logger, cancellationToken);
    }

    private static async Task CreateDatabaseAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        using var activity = ActivitySource.StartActivity("Create database if missing");
        await DatabaseCreator.CreateIfMissingAsync(connectionString, logger, cancellationToken);
    }

    private static async Task<MigrationLock> AcquireLockAsync(string connectionString, ILogger logger, CancellationToken cancellationToken)
    {
        using var activity = ActivitySource.StartActivity("Acquire migration lock");
        return await MigrationLock.AcquireAsync(connectionString, logger, cancellationToken);
    }

    private static async Task MigrateAsync(
        NpgsqlConnection connection, Func<AppDbContext> createContext, bool checkModel, ILogger logger, CancellationToken cancellationToken)
    {
        using var activity = ActivitySource.StartActivity("Apply migrations");
        await DatabaseMigrator.MigrateAsync(connection, createContext, checkModel, logger, cancellationToken);
    }

    private static async Task SeedAsync(NpgsqlConnection connection, SeedKind kind, ILogger logger, CancellationToken cancellationToken)
    {
        using var activity = ActivitySource.StartActivity("Seed example data");
        await DatabaseSeeder.SeedAsync(connection, kind, cancellationToken);
        LogSeeded(logger, kind == SeedKind.DevelopmentDemo ? DemoSignIn.Hint : "No demo sign-in outside Development.");
    }

    /// <summary><c>Seed:Enabled</c> when set (e.g. <c>Seed__Enabled=false</c>), otherwise only in Development.</summary>
    private static bool IsSeedingEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetValue<bool?>("Seed:Enabled") ?? environment.IsDevelopment();

    [LoggerMessage(Level = LogLevel.Information, Message = "Example data seeded (rows already present are left as they are). {SignIn}")]
    private static partial void LogSeeded(ILogger logger, string signIn);
}
