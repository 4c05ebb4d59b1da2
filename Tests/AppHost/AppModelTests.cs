using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tests.AppHost;

/// <summary>The AppHost's own model, as the shared app runs it on Aspire (with two API replicas).</summary>
public sealed class AppModelTests(SharedApp shared)
{
    private static readonly string[] ModelResources = ["postgres", "appdb", "cache", "migrations", "api", "studio"];
    private static readonly string[] LongRunning = ["postgres", "appdb", "cache", "api"];

    private DistributedApplication App => shared.App;

    [Fact]
    public void EveryResourceIsRunningAndHealthyTheMigrationsFinishedAndTheStudioWaitsToBeStarted()
    {
        var states = App.AllStates().Values.GroupBy(e => e.Resource.Name).ToDictionary(g => g.Key, g => g.Select(e => e.Snapshot).ToList());

        foreach (var name in ModelResources)
        {
            Assert.True(states.ContainsKey(name), $"no resource {name}");
        }

        Assert.Equal(2, states["api"].Count);
        foreach (var snapshot in LongRunning.SelectMany(name => states[name]))
        {
            Assert.Equal(KnownResourceStates.Running, snapshot.State?.Text);
            Assert.Equal(HealthStatus.Healthy, snapshot.HealthStatus);
        }

        Assert.Equal(KnownResourceStates.Finished, Assert.Single(states["migrations"]).State?.Text);
        Assert.Equal(0, states["migrations"][0].ExitCode);

        // The studio waits to be started from the dashboard (DataBrowserTests starts it on this app, in any order).
        var studio = App.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == "studio");
        Assert.True(studio.HasAnnotationOfType<ExplicitStartupAnnotation>());
    }

    [Fact]
    public void TheApiStartedOnlyAfterTheMigrationsFinished()
    {
        var migrations = App.Snapshot("migrations");

        foreach (var replica in App.InstanceIds("api"))
        {
            // The orchestrator keeps a process's start time to a tenth of a second, its end time more finely.
            var started = App.Snapshot(replica).StartTimeStamp;
            Assert.True(started + TimeSpan.FromMilliseconds(100) >= migrations.StopTimeStamp, $"{replica} started at {started:O}, before the migrations finished at {migrations.StopTimeStamp:O}");
        }
    }

    [Fact]
    public void TheMigrationsWaitForAHealthyDatabaseAndTheApiForTheDatabaseTheCacheAndTheMigrations()
    {
        var model = App.Services.GetRequiredService<DistributedApplicationModel>().Resources;
        IEnumerable<(string, WaitType)> WaitsOf(string name) =>
            model.Single(r => r.Name == name).Annotations.OfType<WaitAnnotation>().Select(w => (w.Resource.Name, w.WaitType)).Order();

        // Waiting for a database also waits for its server, as with Aspire's own PostgreSQL resources.
        Assert.Equal([("appdb", WaitType.WaitUntilHealthy), ("postgres", WaitType.WaitUntilHealthy)], WaitsOf("migrations"));
        Assert.Equal(
            [("appdb", WaitType.WaitUntilHealthy), ("cache", WaitType.WaitUntilHealthy), ("migrations", WaitType.WaitForCompletion), ("postgres", WaitType.WaitUntilHealthy)],
            WaitsOf("api"));
    }

    [Fact]
    public void EachApiReplicaReceivesWhatAspiresPostgresAndRedisResourcesGive()
    {
        var appdb = new Npgsql.NpgsqlConnectionStringBuilder(shared.DatabaseConnectionString);
        var cachePassword = shared.CacheConnectionString.Split(",password=")[1];
        var cachePort = shared.CacheConnectionString.Split(',')[0].Split(':')[1];

        foreach (var replica in App.InstanceIds("api"))
        {
            var environment = App.EnvironmentOf(replica);

            Assert.Equal($"Host=localhost;Port={appdb.Port};Username=postgres;Password={appdb.Password};Database=appdb", environment["ConnectionStrings__appdb"]);
            Assert.Equal($"localhost:{cachePort},password={cachePassword}", environment["ConnectionStrings__cache"]);
            Assert.Equal("localhost", environment["APPDB_HOST"]);
            Assert.Equal(appdb.Port.ToString(CultureInfo.InvariantCulture), environment["APPDB_PORT"]);
            Assert.Equal("postgres", environment["APPDB_USERNAME"]);
            Assert.Equal(appdb.Password, environment["APPDB_PASSWORD"]);
            Assert.Equal("appdb", environment["APPDB_DATABASENAME"]);
            Assert.Equal($"postgresql://postgres:{Uri.EscapeDataString(appdb.Password!)}@localhost:{appdb.Port}/appdb", environment["APPDB_URI"]);
            Assert.Equal($"jdbc:postgresql://localhost:{appdb.Port}/appdb", environment["APPDB_JDBCCONNECTIONSTRING"]);
            Assert.Equal($"redis://:{cachePassword}@localhost:{cachePort}", environment["CACHE_URI"]);
            Assert.Equal("api", environment["OTEL_SERVICE_NAME"]);
        }
    }

    [Fact]
    public void ReplicasGetTheirOwnPortAndInstanceId()
    {
        var replicas = App.InstanceIds("api").Select(App.EnvironmentOf).ToList();

        Assert.Equal(2, replicas.Count);
        Assert.NotEqual(replicas[0]["ASPNETCORE_URLS"], replicas[1]["ASPNETCORE_URLS"]);
        Assert.NotEqual(replicas[0]["OTEL_RESOURCE_ATTRIBUTES"], replicas[1]["OTEL_RESOURCE_ATTRIBUTES"]);
    }

    [Fact]
    public void TheMigrationServiceGetsTheDatabaseButNotTheCache()
    {
        var environment = App.EnvironmentOf("migrations");

        Assert.Equal(shared.DatabaseConnectionString, environment["ConnectionStrings__appdb"]);
        Assert.False(environment.ContainsKey("ConnectionStrings__cache"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task EachReplicaReportsPostgresAndTheCacheHealthy(int replica)
    {
        using var client = App.CreateReplicaHttpClient("api", replica);

        using var response = await client.GetAsync("/health", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var checks = body.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        Assert.Equal("Healthy", checks["postgres"]);
        Assert.Equal("Healthy", checks["cache"]);
        Assert.DoesNotContain("Password", body.GetRawText(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AliveAnswersWithoutTouchingDependencies()
    {
        using var client = App.CreateHttpClient("api");

        using var response = await client.GetAsync("/alive", TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("postgres", body, StringComparison.Ordinal);
        Assert.DoesNotContain("cache", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres")]
    [InlineData("appdb")]
    [InlineData("cache")]
    public void TheLocalServersShowNoSecretInClear(string name)
    {
        var snapshot = App.Snapshot(name);
        var password = name == "cache"
            ? shared.CacheConnectionString.Split(",password=")[1]
            : new Npgsql.NpgsqlConnectionStringBuilder(shared.DatabaseConnectionString).Password!;

        Assert.True(snapshot.Properties.Single(p => p.Name == CustomResourceKnownProperties.ConnectionString).IsSensitive, $"{name}'s connection string is shown in clear");
        Assert.DoesNotContain(snapshot.Properties.Where(p => !p.IsSensitive), p => ShownText(p.Value).Contains(password, StringComparison.Ordinal));
        Assert.DoesNotContain(snapshot.EnvironmentVariables, v => v.Value?.Contains(password, StringComparison.Ordinal) == true);
    }

    private static string ShownText(object? value) => value switch
    {
        null => "",
        IEnumerable<string> items => string.Join(' ', items),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
