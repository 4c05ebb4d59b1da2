using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tests.Infrastructure;

namespace Tests.AppHost;

/// <summary>The AppHost's own model, as the shared app runs it (with two API replicas).</summary>
public sealed class AppModelTests(SharedApp shared)
{
    private DistributedApplication App => shared.App;

    [Fact]
    public void EveryResourceOfTheModelIsRunningAndTheMigrationsFinished()
    {
        var states = App.ResourceNotifications.Snapshots.ToDictionary(s => s.Name);

        Assert.Equal(["api", "api-0", "api-1", "appdb", "cache", "migrations", "postgres", "studio"], states.Keys.Order(StringComparer.Ordinal));
        foreach (var name in new[] { "postgres", "appdb", "cache", "api", "api-0", "api-1" })
        {
            Assert.Equal(KnownResourceStates.Running, states[name].State);
            Assert.Equal(HealthStatus.Healthy, states[name].Health);
        }

        Assert.Equal(KnownResourceStates.Finished, states["migrations"].State);
        Assert.Equal(0, states["migrations"].ExitCode);

        // The data browser is started from the dashboard only; the app was ready without it.
        Assert.Equal(KnownResourceStates.NotStarted, states["studio"].State);
        Assert.True(states["studio"].ExplicitStart);
    }

    [Fact]
    public void TheApiStartedOnlyAfterTheMigrationsFinished()
    {
        var migrations = App.ResourceNotifications.TryGet("migrations")!;
        foreach (var replica in new[] { "api-0", "api-1" })
        {
            Assert.True(App.ResourceNotifications.TryGet(replica)!.StartedAt >= migrations.StoppedAt, $"{replica} started before the migrations finished");
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void EachApiReplicaReceivesAspiresEnvironment(int replica)
    {
        var snapshot = App.ResourceNotifications.TryGet($"api-{replica}")!;
        var environment = ProcessTable.EnvironmentOf(snapshot.ProcessId!.Value);
        var appdb = new Npgsql.NpgsqlConnectionStringBuilder(App.GetConnectionString("appdb"));

        Assert.Equal(App.GetConnectionString("appdb"), environment["ConnectionStrings__appdb"]);
        Assert.Equal(App.GetConnectionString("cache"), environment["ConnectionStrings__cache"]);
        Assert.Equal("localhost", environment["APPDB_HOST"]);
        Assert.Equal(appdb.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), environment["APPDB_PORT"]);
        Assert.Equal("postgres", environment["APPDB_USERNAME"]);
        Assert.Equal(appdb.Password, environment["APPDB_PASSWORD"]);
        Assert.Equal("appdb", environment["APPDB_DATABASENAME"]);
        Assert.Equal($"postgresql://postgres:{appdb.Password}@localhost:{appdb.Port}/appdb", environment["APPDB_URI"]);
        Assert.Equal($"jdbc:postgresql://localhost:{appdb.Port}/appdb", environment["APPDB_JDBCCONNECTIONSTRING"]);
        Assert.Equal($"redis://:{environment["CACHE_PASSWORD"]}@localhost:{environment["CACHE_PORT"]}", environment["CACHE_URI"]);
        Assert.Equal(App.GetEndpoint("api", replica).ToString().TrimEnd('/'), environment["ASPNETCORE_URLS"]);
        Assert.Equal("Development", environment["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("http", environment["DOTNET_LAUNCH_PROFILE"]);
        Assert.Equal(App.DashboardUrl, environment["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        Assert.Equal("http/protobuf", environment["OTEL_EXPORTER_OTLP_PROTOCOL"]);
        Assert.Matches("^x-otlp-api-key=[0-9a-f]{32}$", environment["OTEL_EXPORTER_OTLP_HEADERS"]);
        Assert.Equal("api", environment["OTEL_SERVICE_NAME"]);
        Assert.Matches("^service.instance.id=api-[a-z0-9]{8}$", environment["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal("1000", environment["OTEL_BLRP_SCHEDULE_DELAY"]);
        Assert.Equal("1000", environment["OTEL_BSP_SCHEDULE_DELAY"]);
        Assert.Equal("1000", environment["OTEL_METRIC_EXPORT_INTERVAL"]);
        Assert.Equal("always_on", environment["OTEL_TRACES_SAMPLER"]);
        Assert.Equal("in_memory", environment["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"]);
        Assert.Equal("simple", environment["LOGGING__CONSOLE__FORMATTERNAME"]);
        Assert.Equal("true", environment["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"]);
    }

    [Fact]
    public void ReplicasGetTheirOwnPortAndInstanceId()
    {
        var first = ProcessTable.EnvironmentOf(App.ResourceNotifications.TryGet("api-0")!.ProcessId!.Value);
        var second = ProcessTable.EnvironmentOf(App.ResourceNotifications.TryGet("api-1")!.ProcessId!.Value);

        Assert.NotEqual(first["ASPNETCORE_URLS"], second["ASPNETCORE_URLS"]);
        Assert.NotEqual(first["OTEL_RESOURCE_ATTRIBUTES"], second["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal(2, App.ResourceNotifications.TryGet("api")!.Urls.Count);
    }

    [Fact]
    public void TheMigrationServiceGetsTheDatabaseButNotTheCache()
    {
        var environment = App.ResourceNotifications.TryGet("migrations")!.Environment;

        Assert.Equal(App.GetConnectionString("appdb"), environment["ConnectionStrings__appdb"]);
        Assert.Equal("Development", environment["DOTNET_ENVIRONMENT"]);
        Assert.False(environment.ContainsKey("ConnectionStrings__cache"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public async Task EachReplicaReportsPostgresAndTheCacheHealthy(int replica)
    {
        using var client = App.CreateHttpClient("api", replica);

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
}
