using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Tests.AppHost;

/// <summary>The local-process PostgreSQL and cache on their own, in apps of a few resources built by the tests.</summary>
public sealed class LocalServersTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task DisposingATestAppEndsEveryServerProcessAndDeletesItsThrowAwayData()
    {
        var builder = TestApps.CreateEmptyBuilder();
        var postgres = builder.AddLocalPostgres("pg").WithDataVolume();
        postgres.AddDatabase("db");
        builder.AddLocalRedis("cache");
        var app = await builder.BuildAsync(TestContext.Current.CancellationToken);
        await app.StartAsync(TestContext.Current.CancellationToken);
        await WaitHealthyAsync(app, "db", "cache");

        var servers = new[] { app.ProcessIdOf("pg")!.Value, app.ProcessIdOf("cache")!.Value };
        var trees = ProcessTable.TreesOf(servers);
        var dataFolder = postgres.Resource.DataFolder;
        Assert.True(trees.Count > servers.Length, "PostgreSQL's helper processes were not found");
        Assert.True(File.Exists(Path.Combine(dataFolder, "PG_VERSION")));
        // Even with WithDataVolume, a test app never uses the AppHost's own data folder.
        Assert.DoesNotContain(Path.Combine("AppHost", ".state"), dataFolder, StringComparison.Ordinal);

        await app.DisposeAsync();

        Assert.True(await ProcessTable.WaitUntilGoneAsync(trees, TimeSpan.FromSeconds(10)), "a server process outlived the app");
        Assert.False(Directory.Exists(dataFolder), $"{dataFolder} outlived the app");
    }

    [Fact]
    public async Task TheGeneratedPasswordsProtectBothServers()
    {
        var builder = TestApps.CreateEmptyBuilder();
        builder.AddLocalPostgres("pg");
        builder.AddLocalRedis("cache");
        await using var app = await builder.BuildAsync(TestContext.Current.CancellationToken);
        await app.StartAsync(TestContext.Current.CancellationToken);
        await WaitHealthyAsync(app, "pg", "cache");

        var wrong = new NpgsqlConnectionStringBuilder(app.GetConnectionString("pg")) { Password = "not-the-password", Pooling = false };
        await using var connection = new NpgsqlConnection(wrong.ConnectionString);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => connection.OpenAsync(TestContext.Current.CancellationToken));
        Assert.Equal(PostgresErrorCodes.InvalidPassword, refused.SqlState);

        var cachePassword = app.GetConnectionString("cache").Split(",password=")[1];
        Assert.Matches("^[a-zA-Z0-9]{22,}$", cachePassword);
        var cacheAddress = app.GetConnectionString("cache").Split(',')[0];
        var unauthenticated = await Assert.ThrowsAnyAsync<StackExchange.Redis.RedisException>(async () =>
        {
            await using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"{cacheAddress},password=wrong,connectTimeout=2000");
            await redis.GetDatabase().PingAsync();
        });
        Assert.NotNull(unauthenticated);
    }

    [Fact]
    public async Task GarnetFromTheToolManifestServesTheCacheWhenAskedAndItsLogShowsNoPassword()
    {
        var builder = TestApps.CreateEmptyBuilder(["--AppHost:CacheServer=garnet"]);
        builder.AddLocalRedis("cache");
        await using var app = await builder.BuildAsync(TestContext.Current.CancellationToken);
        await app.StartAsync(TestContext.Current.CancellationToken);
        await WaitHealthyAsync(app, "cache");

        var console = await app.ConsoleLinesAsync("cache", TestContext.Current.CancellationToken);
        Assert.Contains(console, line => line.Contains("Cache server: Garnet", StringComparison.Ordinal));
        Assert.Contains("GarnetServer.dll", string.Join(' ', (IEnumerable<string>)app.Snapshot("cache").Properties.Single(p => p.Name == "resource.appArgs").Value!), StringComparison.Ordinal);
        var password = app.GetConnectionString("cache").Split(",password=")[1];
        Assert.DoesNotContain(console, line => line.Contains(password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnknownCacheServerSettingFailsTheCacheWithOneLineAndStartsNothing()
    {
        var builder = TestApps.CreateEmptyBuilder(["--AppHost:CacheServer=memcached"]);
        builder.AddLocalRedis("cache");
        await using var app = await builder.BuildAsync(TestContext.Current.CancellationToken);
        await app.StartAsync(TestContext.Current.CancellationToken);

        await app.ResourceNotifications.WaitForResourceAsync("cache", KnownResourceStates.FailedToStart, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        var console = await app.ConsoleLinesAsync("cache", TestContext.Current.CancellationToken);
        Assert.Equal("AppHost:CacheServer 'memcached' is unknown: use 'redis' or 'garnet', or remove it.", console[0]);
        Assert.DoesNotContain(console, line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        Assert.Empty(ProcessTable.WithCommandLineContaining(app.GetConnectionString("cache").Split(',')[0].Split(':')[1]));
    }

    [Fact]
    public async Task MissingPostgreSqlFailsTheServerAndItsDatabaseWithOneLineSayingWhatToDo()
    {
        var builder = TestApps.CreateEmptyBuilder(["--AppHost:PostgresBinDirectory=/nonexistent/bin"]);
        builder.AddLocalPostgres("pg").AddDatabase("db");
        await using var app = await builder.BuildAsync(TestContext.Current.CancellationToken);
        await app.StartAsync(TestContext.Current.CancellationToken);

        await app.ResourceNotifications.WaitForResourceAsync("pg", KnownResourceStates.FailedToStart, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        await app.ResourceNotifications.WaitForResourceAsync("db", KnownResourceStates.FailedToStart, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        var console = await app.ConsoleLinesAsync("pg", TestContext.Current.CancellationToken);
        Assert.StartsWith("AppHost:PostgresBinDirectory is /nonexistent/bin, which holds no postgres and initdb", console[0], StringComparison.Ordinal);
        Assert.DoesNotContain(console, line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    [Fact]
    public void WithoutAnyPostgreSqlTheMessageNamesWhatToInstallAndTheAlternatives()
    {
        Assert.Null(PostgresInstallation.Find(["/nonexistent/bin"]));
        Assert.Contains("sudo apt-get install postgresql", PostgresInstallation.NotInstalled, StringComparison.Ordinal);
        Assert.Contains("start Docker", PostgresInstallation.NotInstalled, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__appdb", PostgresInstallation.NotInstalled, StringComparison.Ordinal);
    }

    private static async Task WaitHealthyAsync(DistributedApplication app, params string[] resources)
    {
        foreach (var resource in resources)
        {
            var state = await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
            Assert.Equal(HealthStatus.Healthy, state.Snapshot.HealthStatus);
        }
    }
}
