using System.Net;

namespace Tests.QueryCache;

/// <summary>What only time or a cache-server outage shows, on an app of its own with a 2 s max_age.</summary>
public sealed class CacheExpiryAndOutageTests(ShortMaxAgeApp fixture) : IClassFixture<ShortMaxAgeApp>
{
    private static readonly string[] ServedFromTheCache = ["hit", "stale"];
    private static readonly string[] OnlyHits = ["hit"];

    private string Db => fixture.App.GetConnectionString("appdb")!;

    [Fact]
    public async Task AValueChangedBehindTheAppsBackStaysCachedUntilMaxAgeThenRefreshes()
    {
        var organization = await TestOrganizations.CreateAsync(Db, "Before");
        using var reader = new ProfileReader(fixture.App, 0);

        // Taken before the request, so a read's age measured here is never less than the entry's own age.
        var cachedAt = DateTime.UtcNow;
        Assert.Equal((HttpStatusCode.OK, "Before", "miss"), await reader.ReadAsync(organization.Slug));
        var filledAt = DateTime.UtcNow;

        await TestOrganizations.RenameBehindTheAppsBackAsync(Db, organization.Slug, "After");
        var (status, afterRename, outcome) = await reader.ReadAsync(organization.Slug);
        Assert.Equal((HttpStatusCode.OK, "Before"), (status, afterRename));

        // A loaded machine may take longer than max_age to get here: the old row then comes back stale, not fresh.
        if (DateTime.UtcNow - cachedAt < ShortMaxAgeApp.MaxAge)
        {
            Assert.Equal("hit", outcome);
        }

        // Until max_age every cached answer is the old row; the new one shows by max_age + stale_while_revalidate.
        var reads = new List<(TimeSpan Age, string? Name, string? Cache)>();
        string? seen;
        do
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            var (_, name, cache) = await reader.ReadAsync(organization.Slug);
            reads.Add((DateTime.UtcNow - cachedAt, name, cache));
            seen = name;
        }
        while (seen == "Before" && DateTime.UtcNow - filledAt < TimeSpan.FromSeconds(10));

        Assert.True(seen == "After", string.Join(", ", reads.Select(r => $"{r.Age.TotalSeconds:F1}s {r.Name} {r.Cache}")));
        Assert.All(reads.Where(r => r.Age < ShortMaxAgeApp.MaxAge && r.Cache == "hit"), r => Assert.Equal("Before", r.Name));
        var shownAfter = reads[^1].Age - (filledAt - cachedAt);
        Assert.True(shownAfter < ShortMaxAgeApp.MaxAge + ShortMaxAgeApp.StaleWhileRevalidate + TimeSpan.FromSeconds(1), $"The change showed only {shownAfter} after the entry was stored.");
    }

    [Fact]
    public async Task WhileTheCacheServerIsStoppedReadsGoToPostgreSqlAndCachingResumesWhenItReturns()
    {
        var cacheServer = Signals.ProcessOf(fixture.App, "cache");
        using var first = new ProfileReader(fixture.App, 0);
        using var second = new ProfileReader(fixture.App, 1);
        var cachedBefore = await TestOrganizations.CreateAsync(Db, "Cached Before");
        await first.ReadAsync(cachedBefore.Slug);
        Assert.Contains((await first.ReadAsync(cachedBefore.Slug)).Cache, ServedFromTheCache);

        Signals.Send("STOP", [cacheServer]);
        var outcomes = new List<string?>();
        try
        {
            // Each replica notices by itself. The first does while it serves in-process hits, well within max_age, and
            // so sends the cache server nothing: only its heartbeat can tell it that writes may no longer reach it
            // (without one, it went on until the entry went stale and its refresh failed).
            foreach (var (reader, served) in new[] { (first, OnlyHits), (second, ["hit", "stale", "miss"]) })
            {
                var seen = new List<string?>();
                var noticeBy = DateTime.UtcNow.AddSeconds(5);
                (HttpStatusCode Status, string? Name, string? Cache) read;
                do
                {
                    read = await reader.ReadAsync(cachedBefore.Slug);
                    Assert.Equal((HttpStatusCode.OK, "Cached Before"), (read.Status, read.Name));
                    seen.Add(read.Cache);
                }
                while (read.Cache != "bypass" && DateTime.UtcNow < noticeBy);

                Assert.Equal("bypass", read.Cache);
                Assert.True(seen.SkipLast(1).All(served.Contains), $"Read before noticing: {string.Join(", ", seen.CountBy(o => o ?? "none"))}");
            }

            var newOne = await TestOrganizations.CreateAsync(Db, "During Outage");
            for (var i = 0; i < 10; i++)
            {
                foreach (var reader in new[] { first, second })
                {
                    foreach (var slug in new[] { cachedBefore.Slug, newOne.Slug })
                    {
                        var (status, _, cache) = await reader.ReadAsync(slug);
                        Assert.Equal(HttpStatusCode.OK, status);
                        outcomes.Add(cache);
                    }
                }
            }

            await TestOrganizations.RenameBehindTheAppsBackAsync(Db, newOne.Slug, "Renamed During Outage");
            Assert.Equal((HttpStatusCode.OK, "Renamed During Outage", "bypass"), await second.ReadAsync(newOne.Slug));
        }
        finally
        {
            Signals.Send("CONT", [cacheServer]);
        }

        Assert.All(outcomes, outcome => Assert.Equal("bypass", outcome));

        // Caching resumes by itself: a new query is stored again and then served from the cache.
        var afterwards = await TestOrganizations.CreateAsync(Db, "After Outage");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? outcome;
        do
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
            outcome = (await first.ReadAsync(afterwards.Slug)).Cache;
        }
        while (outcome != "hit" && DateTime.UtcNow < deadline);

        Assert.Equal("hit", outcome);
    }

    [Fact]
    public async Task StoppedAndStartedThroughAspireTheCacheServerIsBypassedMeanwhileAndUsedAgainAfter()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var reader = new ProfileReader(fixture.App, 0);
        var before = await TestOrganizations.CreateAsync(Db, "Before Cache Restart");
        await reader.ReadAsync(before.Slug);

        var stopped = await fixture.App.ResourceCommands.ExecuteCommandAsync("cache", KnownResourceCommands.StopCommand, cancellation);
        Assert.True(stopped.Success, stopped.Message);
        await fixture.App.ResourceNotifications.WaitForResourceAsync("cache", KnownResourceStates.TerminalStates, cancellation);

        // Every read still answers, from PostgreSQL once the replica has noticed.
        (HttpStatusCode Status, string? Name, string? Cache) read;
        var noticeBy = DateTime.UtcNow.AddSeconds(10);
        do
        {
            read = await reader.ReadAsync(before.Slug);
            Assert.Equal((HttpStatusCode.OK, "Before Cache Restart"), (read.Status, read.Name));
        }
        while (read.Cache != "bypass" && DateTime.UtcNow < noticeBy);

        Assert.Equal("bypass", read.Cache);

        var started = await fixture.App.ResourceCommands.ExecuteCommandAsync("cache", KnownResourceCommands.StartCommand, cancellation);
        Assert.True(started.Success, started.Message);
        await fixture.App.ResourceNotifications.WaitForResourceHealthyAsync("cache", cancellation);

        var after = await TestOrganizations.CreateAsync(Db, "After Cache Restart");
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string? outcome;
        do
        {
            await Task.Delay(200, cancellation);
            outcome = (await reader.ReadAsync(after.Slug)).Cache;
        }
        while (outcome != "hit" && DateTime.UtcNow < deadline);

        Assert.Equal("hit", outcome);
    }
}
