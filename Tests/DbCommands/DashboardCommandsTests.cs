using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;

namespace Tests.DbCommands;

/// <summary>
/// The database commands as commands of the app's database resource, run through Aspire's resource-command API (what
/// the dashboard's buttons call) on a database of the test's own.
/// </summary>
public sealed partial class DashboardCommandsTests(SharedApp shared) : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly string database = Infrastructure.Database.FreshDatabase(shared.DatabaseConnectionString);
    private DistributedApplication? app;

    private DistributedApplication App => app!;

    public async ValueTask InitializeAsync()
    {
        // A Development AppHost, as `dotnet run --project AppHost` is: migrate then creates a missing database.
        var builder = TestApps.CreateEmptyBuilder([$"--ConnectionStrings:appdb={database}", "--environment=Development"]);
        builder.AddConnectionString("appdb").WithDatabaseCommands(new Projects.MigrationService());
        app = await builder.BuildAsync(TestContext.Current.CancellationToken);
        await app.StartAsync(TestContext.Current.CancellationToken);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("appdb", TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task MigrateSeedCheckAndExportWorkOnTheDatabaseAndSayWhatTheyDid()
    {
        var migrate = await RunAsync("db-migrate");
        Assert.True(migrate.Success, migrate.Message);
        Assert.True(await Infrastructure.Database.ScalarAsync<long>(database, "SELECT count(*) FROM \"__EFMigrationsHistory\"") > 0);
        Assert.False(string.IsNullOrWhiteSpace(migrate.Message));

        var seed = await RunAsync("db-seed");
        Assert.True(seed.Success, seed.Message);
        Assert.Equal(1L, await Infrastructure.Database.ScalarAsync<long>(database, "SELECT count(*) FROM \"user\" WHERE email = 'alice@example.com'"));

        var clean = await RunAsync("db-check");
        Assert.True(clean.Success, clean.Message);

        await Infrastructure.Database.ScalarAsync<int>(database, "ALTER TABLE \"user\" ADD COLUMN drift_test integer; SELECT 1");
        var drift = await RunAsync("db-check");
        Assert.False(drift.Success);
        Assert.False(string.IsNullOrWhiteSpace(drift.Message));
        Assert.DoesNotContain('\n', drift.Message!);
        Assert.Contains("drift_test", drift.Data?.Value, StringComparison.Ordinal);

        var export = await RunAsync("db-export");
        Assert.True(export.Success, export.Message);
        var dump = Path.Combine(DbCommand.RepositoryRoot, DumpPath().Match(export.Message!).Value);
        try
        {
            Assert.True(File.Exists(dump), $"{export.Message} names no file that exists");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dump));
            Assert.Contains("CREATE TABLE public.\"user\"", await File.ReadAllTextAsync(dump, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(dump);
        }

        var console = await App.ConsoleLinesAsync("appdb", TestContext.Current.CancellationToken);
        Assert.Contains("$ MigrationService migrate --yes", console);
        Assert.Contains(console, line => line.Contains("drift_test", StringComparison.Ordinal));
    }

    [Fact]
    public void TheCommandsThatWriteAskForConfirmationAndTheOthersDoNot()
    {
        var commands = App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == "appdb")
            .Annotations.OfType<ResourceCommandAnnotation>().ToDictionary(c => c.Name);

        Assert.NotNull(commands["db-migrate"].ConfirmationMessage);
        Assert.NotNull(commands["db-seed"].ConfirmationMessage);
        Assert.Null(commands["db-check"].ConfirmationMessage);
        Assert.Null(commands["db-export"].ConfirmationMessage);
    }

    private Task<ExecuteCommandResult> RunAsync(string command) =>
        App.ResourceCommands.ExecuteCommandAsync("appdb", command, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

    [GeneratedRegex(@"db/backups/\S+\.sql")]
    private static partial Regex DumpPath();

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }

        Npgsql.NpgsqlConnection.ClearAllPools();
        await Infrastructure.Database.ScalarAsync<object>(shared.DatabaseConnectionString, $"DROP DATABASE IF EXISTS \"{new Npgsql.NpgsqlConnectionStringBuilder(database).Database}\" WITH (FORCE)");
    }
}
