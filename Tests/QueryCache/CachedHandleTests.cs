using Api.Data;
using Api.Data.QueryCache;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tests.Infrastructure;

namespace Tests.QueryCache;

/// <summary>
/// The cached handle at the DbContext level, on the real PostgreSQL and cache server: what is cached, what bypasses,
/// and that every write through the application is visible to the next read.
/// </summary>
public sealed class CachedHandleTests(SharedApp shared, PrivateDatabase database) : IClassFixture<PrivateDatabase>
{
    private string Db => database.ConnectionString;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<string> NameAsync(CachedDbContext db, string slug) =>
        db.Organizations.AsNoTracking().Where(o => o.Slug == slug).Select(o => o.Name).SingleAsync(Ct);

    [Fact]
    public async Task ARepeatedQueryIsServedFromTheCacheWithTheSameRows()
    {
        var organization = await TestOrganizations.CreateAsync(Db, "Repeated", members: 2);
        await using var instance = await InProcessApiInstance.StartAsync(Db, shared.App);

        async Task<(object Result, QueryCacheOutcome? Outcome)> ReadAsync()
        {
            await using var context = instance.Cached();
            return await context.RequestAsync<object>(async db => await db.Organizations.AsNoTracking()
                .Where(o => o.Slug == organization.Slug)
                .Select(o => new { o.Id, o.Name, o.CreatedAt, o.Logo, Members = o.Members.Count })
                .SingleAsync(Ct));
        }

        var first = await ReadAsync();
        var second = await ReadAsync();

        Assert.Equal(QueryCacheOutcome.Miss, first.Outcome);
        Assert.Equal(QueryCacheOutcome.Hit, second.Outcome);
        Assert.Equal(first.Result, second.Result);
        Assert.Equal(1, instance.DatabaseQueries);
    }

    [Fact]
    public async Task TrackedEntitiesComeBackFromTheCacheAsTheyAreInTheDatabase()
    {
        var organization = await TestOrganizations.CreateAsync(Db, "Tracked");
        await using var instance = await InProcessApiInstance.StartAsync(Db, shared.App);
        await using var plain = Infrastructure.Database.Context(Db);
        var stored = await plain.Organizations.AsNoTracking().SingleAsync(o => o.Slug == organization.Slug, Ct);

        foreach (var expected in new[] { QueryCacheOutcome.Miss, QueryCacheOutcome.Hit })
        {
            await using var context = instance.Cached();
            var (loaded, outcome) = await context.RequestAsync(db => db.Organizations.SingleAsync(o => o.Slug == organization.Slug, Ct));
            Assert.Equal(expected, outcome);
            Assert.Equal((stored.Id, stored.Name, stored.Slug, stored.CreatedAt, stored.UpdatedAt), (loaded.Id, loaded.Name, loaded.Slug, loaded.CreatedAt, loaded.UpdatedAt));
            Assert.Equal(EntityState.Unchanged, context.Db.Entry(loaded).State);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AResultIsSharedThroughTheCacheServerWithoutALookupWhenNoInstanceStoredIt(bool shareOnlyReusedResults)
    {
        var organization = await TestOrganizations.CreateAsync(Db, "Shared");
        var settings = ("QueryCache:ShareOnlyReusedResults", shareOnlyReusedResults.ToString());
        await using var writer = await InProcessApiInstance.StartAsync(Db, shared.App, settings);
        await using var reader = await InProcessApiInstance.StartAsync(Db, shared.App, settings);
        await InProcessApiInstance.EntryListingsCompleteAsync(writer, reader);
        var cacheNamespace = writer.Services.GetRequiredService<CacheNamespace>();
        var entries = cacheNamespace.EntryKey("");
        var announcements = cacheNamespace.StoredAnnouncementChannel;
        await using var monitor = await CacheServerMonitor.StartAsync(shared.App.GetConnectionString("cache")!);

        async Task<(string Name, QueryCacheOutcome? Outcome)> ReadAsync(InProcessApiInstance instance)
        {
            await using var context = instance.Cached();
            return await context.RequestAsync(db => NameAsync(db, organization.Slug));
        }

        // No instance had stored it: the cache server is not asked before PostgreSQL.
        Assert.Equal(("Shared", (QueryCacheOutcome?)QueryCacheOutcome.Miss), await ReadAsync(writer));
        if (shareOnlyReusedResults)
        {
            // Read once, it stays in this instance; read again, it is shared.
            await Task.Delay(500, Ct);
            Assert.Empty(monitor.CommandsOn(entries));
            Assert.Equal(("Shared", (QueryCacheOutcome?)QueryCacheOutcome.Hit), await ReadAsync(writer));
        }

        // Written, and every instance told.
        Assert.True(await monitor.WaitForAsync("PUBLISH", announcements));
        Assert.Collection(monitor.CommandsOn(entries), IsStore);

        // The other instance has it only in the shared cache: it looks there, and PostgreSQL is not asked. (The
        // announcement reaches it a moment after the server relayed it.)
        await Task.Delay(250, Ct);
        Assert.Equal(("Shared", (QueryCacheOutcome?)QueryCacheOutcome.Hit), await ReadAsync(reader));
        Assert.Collection(monitor.CommandsOn(entries), IsStore, command => Assert.Equal("GET", command));
        Assert.Equal((1, 0), (writer.DatabaseQueries, reader.DatabaseQueries));

        // The client writes SET with an expiry as PSETEX.
        static void IsStore(string command) => Assert.True(command is "SET" or "PSETEX", command);
    }

    [Fact]
    public async Task SharingOnlyReusedResultsAResultReadOnceOnEachOfTwoInstancesIsSharedByTheSecond()
    {
        var organization = await TestOrganizations.CreateAsync(Db, "Read twice");
        var settings = ("QueryCache:ShareOnlyReusedResults", "true");
        await using var first = await InProcessApiInstance.StartAsync(Db, shared.App, settings);
        await using var second = await InProcessApiInstance.StartAsync(Db, shared.App, settings);
        await InProcessApiInstance.EntryListingsCompleteAsync(first, second);
        var cacheNamespace = first.Services.GetRequiredService<CacheNamespace>();
        var entries = cacheNamespace.EntryKey("");
        await using var monitor = await CacheServerMonitor.StartAsync(shared.App.GetConnectionString("cache")!);

        async Task<(string Name, QueryCacheOutcome? Outcome)> ReadAsync(InProcessApiInstance instance)
        {
            await using var context = instance.Cached();
            return await context.RequestAsync(db => NameAsync(db, organization.Slug));
        }

        // A first read stores nothing on the cache server; it only tells the other instances it happened.
        Assert.Equal(("Read twice", (QueryCacheOutcome?)QueryCacheOutcome.Miss), await ReadAsync(first));
        Assert.True(await monitor.WaitForAsync("PUBLISH", cacheNamespace.ReadAnnouncementChannel));
        await Task.Delay(250, Ct);
        Assert.Empty(monitor.CommandsOn(entries));

        // The second read, on the other instance, goes to PostgreSQL (no instance stored it) and shares the result.
        Assert.Equal(("Read twice", (QueryCacheOutcome?)QueryCacheOutcome.Miss), await ReadAsync(second));
        Assert.True(await monitor.WaitForAsync("PUBLISH", cacheNamespace.StoredAnnouncementChannel));
        Assert.Collection(monitor.CommandsOn(entries), command => Assert.True(command is "SET" or "PSETEX", command));

        // From then on, an instance without it in memory reads it from the cache server, not from PostgreSQL.
        first.Services.GetRequiredService<QueryResultStore>().ClearMemory();
        await Task.Delay(250, Ct);
        Assert.Equal(("Read twice", (QueryCacheOutcome?)QueryCacheOutcome.Hit), await ReadAsync(first));
        Assert.Equal((1, 1), (first.DatabaseQueries, second.DatabaseQueries));
    }

    public static TheoryData<string> Writes => ["direct SaveChanges", "direct ExecuteUpdate", "direct raw SQL", "cached SaveChanges", "cached ExecuteUpdate"];

    [Theory]
    [MemberData(nameof(Writes))]
    public async Task AWriteThroughEitherHandleIsVisibleToTheNextCachedRead(string write)
    {
        var organization = await TestOrganizations.CreateAsync(Db, "Before");
        var slug = organization.Slug;
        await using var instance = await InProcessApiInstance.StartAsync(Db, shared.App);
        await using (var warm = instance.Cached())
        {
            await warm.RequestAsync(db => NameAsync(db, slug));
            Assert.Equal(("Before", (QueryCacheOutcome?)QueryCacheOutcome.Hit), await warm.RequestAsync(db => NameAsync(db, slug)));
        }

        await using (var direct = instance.Direct())
        await using (var cached = instance.Cached())
        {
            switch (write)
            {
                case "direct SaveChanges":
                    (await direct.Db.Organizations.SingleAsync(o => o.Slug == slug, Ct)).Name = "After";
                    await direct.Db.SaveChangesAsync(Ct);
                    break;
                case "direct ExecuteUpdate":
                    await direct.Db.Organizations.Where(o => o.Slug == slug).ExecuteUpdateAsync(set => set.SetProperty(o => o.Name, "After"), Ct);
                    break;
                case "direct raw SQL":
                    await direct.Db.Database.ExecuteSqlAsync($"UPDATE organization SET name = 'After' WHERE slug = {slug}", Ct);
                    break;
                case "cached SaveChanges":
                    var tracked = await cached.Db.Organizations.SingleAsync(o => o.Slug == slug, Ct);
                    tracked.Name = "After";
                    await cached.Db.SaveChangesAsync(Ct);
                    break;
                case "cached ExecuteUpdate":
                    await cached.Db.Organizations.Where(o => o.Slug == slug).ExecuteUpdateAsync(set => set.SetProperty(o => o.Name, "After"), Ct);
                    break;
            }
        }

        await using var next = instance.Cached();
        Assert.Equal(("After", (QueryCacheOutcome?)QueryCacheOutcome.Miss), await next.RequestAsync(db => NameAsync(db, slug)));
    }

    [Fact]
    public async Task ADeleteInvalidatesResultsOfTheTablesItCascadesTo()
    {
        var organization = await TestOrganizations.CreateAsync(Db, "Cascade", members: 2);
        await using var instance = await InProcessApiInstance.StartAsync(Db, shared.App);
        Task<int> CountMembersAsync(CachedDbContext db) => db.Members.CountAsync(m => m.OrganizationId == organization.Id, Ct);
        await using (var warm = instance.Cached())
        {
            await warm.RequestAsync(CountMembersAsync);
            Assert.Equal((2, (QueryCacheOutcome?)QueryCacheOutcome.Hit), await warm.RequestAsync(CountMembersAsync));
        }

        // Deleting a user deletes their memberships through ON DELETE CASCADE: the member count read must change.
        await using (var direct = instance.Direct())
        {
            var userId = await direct.Db.Members.Where(m => m.OrganizationId == organization.Id).Select(m => m.UserId).FirstAsync(Ct);
            await direct.Db.Users.Where(u => u.Id == userId).ExecuteDeleteAsync(Ct);
        }

        await using var next = instance.Cached();
        Assert.Equal(1, (await next.RequestAsync(CountMembersAsync)).Result);
    }

    [Fact]
    public async Task AWriteOnAnotherInstanceInvalidatesThisInstanceWithinASecond()
    {
        var organization = await TestOrganizations.CreateAsync(Db, "Before");
        await using var reader = await InProcessApiInstance.StartAsync(Db, shared.App);
        await using var writer = await InProcessApiInstance.StartAsync(Db, shared.App);
        await using (var warm = reader.Cached())
        {
            await warm.RequestAsync(db => NameAsync(db, organization.Slug));
        }

        await using (var direct = writer.Direct())
        {
            await direct.Db.Organizations.Where(o => o.Slug == organization.Slug).ExecuteUpdateAsync(set => set.SetProperty(o => o.Name, "After"), Ct);
        }

        var deadline = DateTime.UtcNow.AddSeconds(1);
        string name;
        do
        {
            await using var context = reader.Cached();
            name = (await context.RequestAsync(db => NameAsync(db, organization.Slug))).Result;
        }
        while (name != "After" && DateTime.UtcNow < deadline);

        Assert.Equal("After", name);
    }

    [Fact]
    public async Task AHundredConcurrentMissesOnOneQueryRunItOnce()
    {
        var organization = await TestOrganizations.CreateAsync(Db, "Stampede", members: 3);
        await using var instance = await InProcessApiInstance.StartAsync(Db, shared.App);
        using var start = new ManualResetEventSlim();

        var readers = Enumerable.Range(0, 100).Select(_ => Task.Run(async () =>
        {
            await using var context = instance.Cached();
            start.Wait();
            return await context.RequestAsync(db => db.Organizations.AsNoTracking()
                .Where(o => o.Slug == organization.Slug).Select(o => o.Members.Count).SingleAsync(Ct));
        })).ToList();
        start.Set();
        var results = await Task.WhenAll(readers);

        Assert.All(results, result => Assert.Equal(3, result.Result));
        Assert.Equal(1, instance.DatabaseQueries);
    }

    // Past a few hundred characters the parameters enter the in-process key as their SHA-256 instead of as they are.
    [Fact]
    public async Task LongParameterValuesThatDifferOnlyAtTheEndEachGetTheirOwnResult()
    {
        await using var instance = await InProcessApiInstance.StartAsync(Db, shared.App);
        await using var context = instance.Cached();
        var common = new string('x', 1_000);

        Task<(string Result, QueryCacheOutcome? Outcome)> EchoAsync(string value) =>
            context.RequestAsync(db => db.Database.SqlQuery<string>($"SELECT {value}::text AS \"Value\"").SingleAsync(Ct));

        Assert.Equal((common + "A", (QueryCacheOutcome?)QueryCacheOutcome.Miss), await EchoAsync(common + "A"));
        Assert.Equal((common + "B", (QueryCacheOutcome?)QueryCacheOutcome.Miss), await EchoAsync(common + "B"));
        Assert.Equal((common + "A", (QueryCacheOutcome?)QueryCacheOutcome.Hit), await EchoAsync(common + "A"));
        Assert.Equal((common + "B", (QueryCacheOutcome?)QueryCacheOutcome.Hit), await EchoAsync(common + "B"));
        Assert.Equal(2, instance.DatabaseQueries);
    }

    [Fact]
    public async Task QueriesCallingVolatileFunctionsGoToPostgreSqlEveryTime()
    {
        await using var instance = await InProcessApiInstance.StartAsync(Db, shared.App);
        await using var context = instance.Cached();

        var first = await context.RequestAsync(db => db.Database.SqlQueryRaw<Guid>("SELECT gen_random_uuid() AS \"Value\"").SingleAsync(Ct));
        var second = await context.RequestAsync(db => db.Database.SqlQueryRaw<Guid>("SELECT gen_random_uuid() AS \"Value\"").SingleAsync(Ct));
        var clock = await context.RequestAsync(db => db.Database.SqlQueryRaw<DateTime>("SELECT now() AS \"Value\"").SingleAsync(Ct));

        Assert.NotEqual(first.Result, second.Result);
        Assert.Equal(QueryCacheOutcome.Bypass, first.Outcome);
        Assert.Equal(QueryCacheOutcome.Bypass, second.Outcome);
        Assert.Equal(QueryCacheOutcome.Bypass, clock.Outcome);
        Assert.Equal(0, instance.DatabaseQueries);
    }

    [Fact]
    public async Task ReadsInsideATransactionGoToPostgreSqlAndSeeItsOwnWrites()
    {
        var organization = await TestOrganizations.CreateAsync(Db, "Before");
        await using var instance = await InProcessApiInstance.StartAsync(Db, shared.App);
        await using var context = instance.Cached();
        await context.RequestAsync(db => NameAsync(db, organization.Slug));

        await using var transaction = await context.Db.Database.BeginTransactionAsync(Ct);
        await context.Db.Organizations.Where(o => o.Slug == organization.Slug).ExecuteUpdateAsync(set => set.SetProperty(o => o.Name, "Inside"), Ct);
        var inside = await context.RequestAsync(db => NameAsync(db, organization.Slug));
        await transaction.RollbackAsync(Ct);
        var after = await context.RequestAsync(db => NameAsync(db, organization.Slug));

        Assert.Equal(("Inside", (QueryCacheOutcome?)QueryCacheOutcome.Bypass), inside);
        Assert.Equal(("Before", QueryCacheOutcome.Hit), (after.Result, after.Outcome));
    }

    [Fact]
    public async Task AQueryTaggedWithoutQueryCacheGoesToPostgreSql()
    {
        var organization = await TestOrganizations.CreateAsync(Db, "Opt-out");
        await using var instance = await InProcessApiInstance.StartAsync(Db, shared.App);
        await using var context = instance.Cached();

        for (var i = 0; i < 2; i++)
        {
            var read = await context.RequestAsync(db => db.Organizations.WithoutQueryCache().Where(o => o.Slug == organization.Slug).Select(o => o.Name).SingleAsync(Ct));
            Assert.Equal(("Opt-out", QueryCacheOutcome.Bypass), (read.Result, read.Outcome));
        }
    }

    [Fact]
    public async Task AResultOverTheSizeCapIsReturnedButNotCached()
    {
        var organization = await TestOrganizations.CreateAsync(Db, "Big");
        await using var instance = await InProcessApiInstance.StartAsync(Db, shared.App, ("QueryCache:MaxResultBytes", "16"));

        for (var i = 0; i < 2; i++)
        {
            await using var context = instance.Cached();
            var read = await context.RequestAsync(db => NameAsync(db, organization.Slug));
            Assert.Equal(("Big", QueryCacheOutcome.Bypass), (read.Result, read.Outcome));
        }

        Assert.Equal(2, instance.DatabaseQueries);
    }

    [Fact]
    public async Task AReadThatRanBeforeAWriteCommittedIsNotKeptAsFresh()
    {
        var organization = await TestOrganizations.CreateAsync(Db, "Before");
        await using var instance = await InProcessApiInstance.StartAsync(Db, shared.App);

        // A function PostgreSQL knows as immutable but that sleeps: the cache takes the query as cacheable, and
        // the query's snapshot predates the write that commits while it sleeps.
        await Infrastructure.Database.ScalarAsync<object>(Db, """
            CREATE OR REPLACE FUNCTION query_cache_test_slow(value text) RETURNS text IMMUTABLE LANGUAGE plpgsql
            AS $$ BEGIN PERFORM pg_sleep(0.6); RETURN value; END $$
            """);
        var slowRead = Task.Run(async () =>
        {
            await using var context = instance.Cached();
            return await context.RequestAsync(db => db.Database
                .SqlQuery<string>($"SELECT query_cache_test_slow(name) AS \"Value\" FROM organization WHERE slug = {organization.Slug}")
                .SingleAsync(Ct));
        });
        // The write commits once the read is running in PostgreSQL (its snapshot taken), however loaded the machine.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await Infrastructure.Database.ScalarAsync<long>(Db, """
            SELECT count(*) FROM pg_stat_activity
            WHERE state = 'active' AND query LIKE '%query\_cache\_test\_slow(name)%' AND pid <> pg_backend_pid()
            """) == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, Ct);
        }

        await using (var direct = instance.Direct())
        {
            await direct.Db.Organizations.Where(o => o.Slug == organization.Slug).ExecuteUpdateAsync(set => set.SetProperty(o => o.Name, "After"), Ct);
        }

        Assert.Equal(("Before", QueryCacheOutcome.Miss), ((await slowRead).Result, (await slowRead).Outcome));
        await using var next = instance.Cached();
        var read = await next.RequestAsync(db => db.Database
            .SqlQuery<string>($"SELECT query_cache_test_slow(name) AS \"Value\" FROM organization WHERE slug = {organization.Slug}")
            .SingleAsync(Ct));
        Assert.Equal(("After", QueryCacheOutcome.Miss), (read.Result, read.Outcome));
    }

    [Fact]
    public async Task AStaleResultIsServedAtOnceAndRefreshedByOneBackgroundQuery()
    {
        var organization = await TestOrganizations.CreateAsync(Db, "Before");
        await using var instance = await InProcessApiInstance.StartAsync(
            Db, shared.App, ("QueryCache:MaxAge", "00:00:03"), ("QueryCache:StaleWhileRevalidate", "00:00:30"));
        await using (var warm = instance.Cached())
        {
            await warm.RequestAsync(db => NameAsync(db, organization.Slug));
        }

        await TestOrganizations.RenameBehindTheAppsBackAsync(Db, organization.Slug, "After");
        await Task.Delay(3200, Ct);

        await using (var first = instance.Cached())
        {
            Assert.Equal(("Before", (QueryCacheOutcome?)QueryCacheOutcome.Stale), await first.RequestAsync(db => NameAsync(db, organization.Slug)));
        }

        // Until the one background refresh lands, every reader gets the stale row at once; after, the new one.
        var reads = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            await using var context = instance.Cached();
            return await context.RequestAsync(db => NameAsync(db, organization.Slug));
        })));
        Assert.All(reads, read => Assert.Contains(read, new[] { ("Before", (QueryCacheOutcome?)QueryCacheOutcome.Stale), ("After", QueryCacheOutcome.Hit) }));

        (string Result, QueryCacheOutcome? Outcome) refreshed;
        var deadline = DateTime.UtcNow.AddSeconds(5);
        do
        {
            await Task.Delay(50, Ct);
            await using var context = instance.Cached();
            refreshed = await context.RequestAsync(db => NameAsync(db, organization.Slug));
        }
        while (refreshed.Outcome != QueryCacheOutcome.Hit && DateTime.UtcNow < deadline);

        Assert.Equal(("After", QueryCacheOutcome.Hit), (refreshed.Result, refreshed.Outcome));
        Assert.Equal(2, instance.DatabaseQueries);
    }
}
