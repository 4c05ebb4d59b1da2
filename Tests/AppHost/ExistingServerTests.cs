namespace Tests.AppHost;

/// <summary>The AppHost given <c>ConnectionStrings:appdb</c>: an existing PostgreSQL, and none started of its own.</summary>
public sealed class ExistingServerTests(SharedApp shared)
{
    [Fact]
    public async Task TheConfiguredServerIsMigratedAndServedAndNoPostgresIsStarted()
    {
        // The shared app's server stands in for an existing one, with a database of this test's own (the
        // migrations worker creates it, as it would on a new server).
        var existing = Infrastructure.Database.FreshDatabase(shared.DatabaseConnectionString);
        using var timeout = new CancellationTokenSource(TestApps.StartTimeout);

        await using var app = await TestApps.StartAsync(timeout.Token, $"--ConnectionStrings:appdb={existing}");

        Assert.DoesNotContain(app.AllStates().Values, e => e.Resource.Name == "postgres");
        Assert.Equal(existing, app.EnvironmentOf(app.InstanceIds("api")[0])["ConnectionStrings__appdb"]);
        Assert.Equal(0, app.Snapshot("migrations").ExitCode);
        Assert.True(await Infrastructure.Database.ScalarAsync<long>(existing, "SELECT count(*) FROM \"__EFMigrationsHistory\"") > 0, "the migrations did not run on the configured server");
    }
}
