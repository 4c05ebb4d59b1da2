using System.Net;
using System.Net.Sockets;
using Npgsql;
using Tests.Infrastructure;
using Tests.Services;

namespace Tests.Publishing;

/// <summary>
/// Migrations when deployed, where nothing orders the worker before the API: the worker stays up after success
/// instead of being restarted in a loop, and the API serves nothing until the schema is current.
/// </summary>
public sealed class DeployedMigrationTests(SharedApp shared)
{
    [Fact]
    public async Task TheWorkerMigratesThenStaysUpUntilStoppedWhenDeployed()
    {
        var database = Infrastructure.Database.FreshDatabase(shared.DatabaseConnectionString);
        using var worker = ServiceProcess.Start(new Projects.MigrationService(), new Dictionary<string, string>
        {
            ["ConnectionStrings__appdb"] = database,
            ["Worker__KeepAliveAfterCompletion"] = "true",
        });

        await worker.WaitForLineAsync("staying up until stopped", TimeSpan.FromMinutes(2));
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        Assert.False(worker.Process.HasExited, "the worker exited after success: a container platform would run it again");
        Assert.True(await Infrastructure.Database.ScalarAsync<long>(database, "SELECT count(*) FROM \"__EFMigrationsHistory\"") > 0);
        await worker.StopAsync();
        Assert.Equal(0, worker.Process.ExitCode);
    }

    [Fact]
    public async Task TheApiServesNothingUntilTheDatabaseHasItsMigrations()
    {
        var database = Infrastructure.Database.FreshDatabase(shared.DatabaseConnectionString);
        await CreateEmptyAsync(database);
        var port = FreePort();
        using var api = ServiceProcess.Start(new Projects.Api(), new Dictionary<string, string>
        {
            ["ConnectionStrings__appdb"] = database,
            ["ConnectionStrings__cache"] = shared.App.GetConnectionString("cache")!,
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        });
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await api.WaitForLineAsync("Now listening on", TimeSpan.FromMinutes(1));

        // The first check may time out on a loaded machine (a cold data source); /health is then Unhealthy for that reason.
        var health = await WaitForHealthAsync(client, "waiting for migrations");
        var data = await client.GetAsync(new Uri("/api/organizations/acme", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, data.StatusCode);
        Assert.Equal("application/problem+json", data.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), data.Headers.RetryAfter?.Delta);

        var migrated = await MigrationServiceProcess.RunAsync(database, TestContext.Current.CancellationToken);
        Assert.Equal(0, migrated.ExitCode);

        // Ready once migrated; asked until it says so, as a platform's probe does: on a loaded machine one check of the
        // first probes may still time out (its failure message then names the check).
        var ready = await WaitForHealthAsync(client, "{\"status\":\"Healthy\"");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.NotEqual(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(new Uri("/api/organizations/acme", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
    }

    private static async Task<HttpResponseMessage> WaitForHealthAsync(HttpClient client, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var health = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);
            var body = await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            if (body.Contains(text, StringComparison.Ordinal))
            {
                return health;
            }

            Assert.True(DateTime.UtcNow < deadline, $"/health never said '{text}': {body}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    private static async Task CreateEmptyAsync(string database)
    {
        var name = new NpgsqlConnectionStringBuilder(database).Database!;
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
