using System.Net;
using Tests.Infrastructure;

namespace Tests.QueryCache;

/// <summary>PostgreSQL gone: cached reads keep being served, reads that need the database get a quick 503.</summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task WithPostgreSqlStoppedCachedReadsContinueOthersGetA503AndAllIsServedAgainOnceItIsStarted()
    {
        using var timeout = new CancellationTokenSource(TestApps.StartTimeout);
        var builder = await TestApps.CreateBuilderAsync(timeout.Token);

        // Expired soon, so every cached read below is served by the fail-safe rather than as fresh.
        var maxAge = TimeSpan.FromMilliseconds(500);
        builder.CreateResourceBuilder<ProjectResource>("api").WithReplicas(2)
            .WithEnvironment("QueryCache__MaxAge", maxAge.ToString("c"))
            .WithEnvironment("QueryCache__StaleWhileRevalidate", "00:00:00")
            // The outage here is PostgreSQL's alone: a cache-server call slowed past the default 500 ms by the suite's
            // load would trip the cache's circuit, and with the database down too a read then rightly answers 503.
            .WithEnvironment("QueryCache__CacheServerTimeout", "00:00:05");
        await using var app = await TestApps.StartAsync(builder, timeout.Token);

        var organization = await TestOrganizations.CreateAsync(app.GetConnectionString("appdb")!, "Survives");
        using var first = new ProfileReader(app, 0);
        using var second = new ProfileReader(app, 1);
        Assert.Equal((HttpStatusCode.OK, "Survives", "miss"), await first.ReadAsync(organization.Slug));
        var cachedAt = System.Diagnostics.Stopwatch.StartNew();

        // Stopped from Aspire, as from the dashboard's Stop button.
        await app.ResourceCommands.ExecuteCommandAsync("postgres", KnownResourceCommands.StopCommand, timeout.Token);
        await app.ResourceNotifications.WaitForResourceAsync("postgres", KnownResourceStates.TerminalStates, timeout.Token);
        // PostgreSQL stops in well under a second: wait out the entry's age so no read below can be a fresh hit.
        if (cachedAt.Elapsed < maxAge)
        {
            await Task.Delay(maxAge - cachedAt.Elapsed + TimeSpan.FromMilliseconds(50), timeout.Token);
        }

        foreach (var reader in new[] { first, second, first })
        {
            var read = await reader.ReadAsync(organization.Slug);
            Assert.Equal((HttpStatusCode.OK, "Survives", "stale"), read);
        }

        var (status, problem, cache) = await first.ReadAsync(organization.Slug, noCache: true);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("The database is unavailable.", problem, StringComparison.Ordinal);
        Assert.Equal("bypass", cache);

        var (neverCached, _, _) = await second.ReadAsync(TestOrganizations.NewSlug());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, neverCached);

        // Started again from Aspire: the database answers again, with no restart of the API.
        var started = await app.ResourceCommands.ExecuteCommandAsync("postgres", KnownResourceCommands.StartCommand, timeout.Token);
        Assert.True(started.Success, started.Message);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("appdb", timeout.Token);
        (HttpStatusCode Status, string? Name, string? Cache) fresh;
        var deadline = DateTime.UtcNow.AddSeconds(30);
        do
        {
            fresh = await second.ReadAsync(organization.Slug, noCache: true);
        }
        while (fresh.Status != HttpStatusCode.OK && DateTime.UtcNow < deadline);

        Assert.Equal((HttpStatusCode.OK, "Survives", "bypass"), fresh);
    }
}
