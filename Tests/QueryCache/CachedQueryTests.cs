using System.Diagnostics;
using Api.Data;
using Api.Data.QueryCache;
using Db;
using Db.Schema;
using Microsoft.EntityFrameworkCore;
using Tests.Infrastructure;

namespace Tests.QueryCache;

/// <summary>
/// <see cref="CachedQuery"/> on the real PostgreSQL and cache server: a fresh hit hands back the object materialized
/// before, and every rule of the read path (invalidation here and on other instances, MaxAge, transactions, the
/// request's opt-out) still decides what is served.
/// </summary>
public sealed class CachedQueryTests(SharedApp shared, PrivateDatabase database) : IClassFixture<PrivateDatabase>
{
    private static readonly Func<CachedDbContext, string, CancellationToken, Task<Profile?>> FindProfile = CachedQuery.Compile(
        (CachedDbContext db, string slug, CancellationToken _) => db.Organizations
            .Where(organization => organization.Slug == slug && organization.Name != string.Empty)
            .Select(organization => new Profile(organization.Name, organization.Members.Count))
            .SingleOrDefault());

    private static readonly Func<CachedDbContext, string, int, CancellationToken, Task<string?>> NameIfMembersAtLeast = CachedQuery.Compile(
        (CachedDbContext db, string slug, int members, CancellationToken _) => db.Organizations
            .Where(organization => organization.Slug == slug && organization.Members.Count >= members)
            .Select(organization => organization.Name)
            .SingleOrDefault());

    private static readonly Func<CachedDbContext, string, CancellationToken, Task<IReadOnlyList<string>>> MemberNames = CachedQuery.CompileList(
        (CachedDbContext db, string slug) => db.Members
            .Where(member => member.Organization.Slug == slug)
            .OrderBy(member => member.User.Name)
            .Select(member => member.User.Name));

    private static readonly Func<HidingContext, string, CancellationToken, Task<string?>> NameUnlessHidden = CachedQuery.Compile(
        (HidingContext db, string slug, CancellationToken _) => db.Organizations
            .Where(organization => organization.Slug == slug)
            .Select(organization => organization.Name)
            .SingleOrDefault());

    private static readonly Func<RecordEntityContext, string, CancellationToken, Task<OrganizationRecord>> FindRecord = CachedQuery.Compile(
        (RecordEntityContext db, string slug, CancellationToken _) => db.Set<OrganizationRecord>().Single(organization => organization.Slug == slug));

    private string Db => database.ConnectionString;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFreshHitHandsBackTheObjectMaterializedBeforeWithoutQueryingAgain()
    {
        var organization = await TestOrganizations.CreateAsync(Db, "Memoized", members: 2);
        await using var instance = await InProcessApiInstance.StartAsync(Db, shared.App);

        var first = await ReadAsync(instance, organization.Slug);
        var second = await ReadAsync(instance, organization.Slug);
        var missing = await ReadAsync(instance, TestOrganizations.NewSlug());
        var missingAgain = await ReadAsync(instance, missing.Slug);

        Assert.Equal((new Profile("Memoized", 2), QueryCacheOutcome.Miss), (first.Profile, first.Outcome));
        Assert.Equal(QueryCacheOutcome.Hit, second.Outcome);
        Assert.Same(first.Profile, second.Profile);
        Assert.Equal((null, QueryCacheOutcome.Hit), (missingAgain.Profile, missingAgain.Outcome));
        Assert.Equal(2, instance.DatabaseQueries);
    }

    [Fact]
    public async Task EveryParameterIsPartOfTheKey()
    {
        var organization = await TestOrganizations.CreateAsync(Db, "Two members", members: 2);
        await using var instance = await InProcessApiInstance.StartAsync(Db, shared.App);

        async Task<(string? Name, QueryCacheOutcome? Outcome)> ReadAsync(int members)
        {
            await using var context = instance.Cached();
            return await context.RequestAsync(db => NameIfMembersAtLeast(db, organization.Slug, members, Ct));
        }

        Assert.Equal(("Two members", QueryCacheOutcome.Miss), await ReadAsync(2));
        Assert.Equal((null, QueryCacheOutcome.Miss), await ReadAsync(3));
        Assert.Equal(("Two members", QueryCacheOutcome.Hit), await ReadAsync(2));
        Assert.Equal((null, QueryCacheOutcome.Hit), await ReadAsync(3));
    }

    [Fact]
    public async Task AListIsHandedBackReadOnlyAndFollowsWrites()
    {
        var organization = await TestOrganizations.CreateAsync(Db, "Listed", members: 2);
        await using var instance = await InProcessApiInstance.StartAsync(Db, shared.App);

        async Task<(IReadOnlyList<string> Names, QueryCacheOutcome? Outcome)> ReadAsync()
        {
            await using var context = instance.Cached();
            return await context.RequestAsync(db => MemberNames(db, organization.Slug, Ct));
        }

        var first = await ReadAsync();
        var second = await ReadAsync();
        Assert.Equal(["Member 0", "Member 1"], first.Names);
        Assert.Equal(QueryCacheOutcome.Miss, first.Outcome);
        Assert.Equal(QueryCacheOutcome.Hit, second.Outcome);
        Assert.Same(first.Names, second.Names);
        Assert.Throws<NotSupportedException>(() => ((IList<string>)second.Names).Add("Intruder"));

        await using (var direct = instance.Direct())
        {
            await direct.Db.Members.Where(m => m.Organization.Slug == organization.Slug && m.User.Name == "Member 0").ExecuteDeleteAsync(Ct);
        }

        var third = await ReadAsync();
        Assert.Equal(["Member 1"], third.Names);
        Assert.Equal(QueryCacheOutcome.Miss, third.Outcome);
    }

    [Fact]
    public async Task AWriteHereOrOnAnotherInstanceIsVisibleToTheNextRead()
    {
        var organization = await TestOrganizations.CreateAsync(Db, "Before");
        await using var reader = await InProcessApiInstance.StartAsync(Db, shared.App);
        await using var writer = await InProcessApiInstance.StartAsync(Db, shared.App);
        await ReadAsync(reader, organization.Slug);
        Assert.Equal(QueryCacheOutcome.Hit, (await ReadAsync(reader, organization.Slug)).Outcome);

        await using (var direct = reader.Direct())
        {
            await direct.Db.Organizations.Where(o => o.Slug == organization.Slug).ExecuteUpdateAsync(set => set.SetProperty(o => o.Name, "Here"), Ct);
        }

        Assert.Equal((new Profile("Here", 0), QueryCacheOutcome.Miss), Pick(await ReadAsync(reader, organization.Slug)));
        Assert.Equal(QueryCacheOutcome.Hit, (await ReadAsync(reader, organization.Slug)).Outcome);

        await using (var direct = writer.Direct())
        {
            await direct.Db.Organizations.Where(o => o.Slug == organization.Slug).ExecuteUpdateAsync(set => set.SetProperty(o => o.Name, "Elsewhere"), Ct);
        }

        var deadline = DateTime.UtcNow.AddSeconds(1);
        Profile? profile;
        do
        {
            profile = (await ReadAsync(reader, organization.Slug)).Profile;
        }
        while (profile?.Name != "Elsewhere" && DateTime.UtcNow < deadline);

        Assert.Equal(new Profile("Elsewhere", 0), profile);
    }

    [Fact]
    public async Task AnExecutionThatReadTwiceIsNeverHandedBackSoAWriteToEitherReadShows()
    {
        var organization = await TestOrganizations.CreateAsync(Db, "Two reads", members: 2);
        await using var instance = await InProcessApiInstance.StartAsync(Db, shared.App);
        // No query CachedQuery accepts runs two reads (a collection in the result is refused), so its memoizing step is
        // driven here with an execution that does: one read of each table, of which only the first is written to.
        var memoized = new MemoizedQuery<CachedDbContext, NameAndMembers>(typeof(NameAndMembers));
        var executions = 0;
        async Task<NameAndMembers> RunTwoReadsAsync(CachedDbContext db, string slug, CancellationToken cancellationToken)
        {
            executions++;
            var members = await db.Members.CountAsync(member => member.Organization.Slug == slug, cancellationToken);
            var name = await db.Organizations.Where(o => o.Slug == slug).Select(o => o.Name).SingleAsync(cancellationToken);
            return new NameAndMembers(name, members);
        }

        async Task<(NameAndMembers Result, QueryCacheOutcome? Outcome)> ReadAsync()
        {
            await using var context = instance.Cached();
            return await context.RequestAsync(db => memoized.ExecuteAsync(db, organization.Slug, RunTwoReadsAsync, Ct));
        }

        Assert.Equal((new NameAndMembers("Two reads", 2), QueryCacheOutcome.Miss), await ReadAsync());
        Assert.Equal((new NameAndMembers("Two reads", 2), QueryCacheOutcome.Hit), await ReadAsync());
        await using (var direct = instance.Direct())
        {
            await direct.Db.Members.Where(m => m.Organization.Slug == organization.Slug && m.User.Name == "Member 0").ExecuteDeleteAsync(Ct);
        }

        // Kept beside its last read's entry, which no write touched, the object would still say two members.
        Assert.Equal(new NameAndMembers("Two reads", 1), (await ReadAsync()).Result);
        Assert.Equal(3, executions);
    }

    [Fact]
    public async Task PastMaxAgeTheEntryIsServedStaleAndRefreshedAsByAnyQuery()
    {
        var organization = await TestOrganizations.CreateAsync(Db, "Aging");
        var maxAge = TimeSpan.FromSeconds(2);
        await using var instance = await InProcessApiInstance.StartAsync(Db, shared.App, ("QueryCache:MaxAge", maxAge.ToString()));
        var first = await ReadAsync(instance, organization.Slug);
        var stored = Stopwatch.StartNew();
        Assert.Same(first.Profile, (await ReadAsync(instance, organization.Slug)).Profile);
        await TestOrganizations.RenameBehindTheAppsBackAsync(Db, organization.Slug, "Renamed");

        var untilStale = maxAge + TimeSpan.FromMilliseconds(200) - stored.Elapsed;
        await Task.Delay(untilStale > TimeSpan.Zero ? untilStale : TimeSpan.Zero, Ct);
        var stale = await ReadAsync(instance, organization.Slug);

        Assert.Equal((new Profile("Aging", 0), QueryCacheOutcome.Stale), Pick(stale));
        Assert.NotSame(first.Profile, stale.Profile);

        // The refresh lands in the background; until then reads are served stale.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        (Profile? Profile, QueryCacheOutcome? Outcome) read;
        do
        {
            await Task.Delay(20, Ct);
            read = Pick(await ReadAsync(instance, organization.Slug));
        }
        while (read.Outcome == QueryCacheOutcome.Stale && DateTime.UtcNow < deadline);

        Assert.Equal((new Profile("Renamed", 0), QueryCacheOutcome.Hit), read);
    }

    [Fact]
    public async Task InsideATransactionOrWithTheRequestsOptOutTheReadPathDecides()
    {
        var organization = await TestOrganizations.CreateAsync(Db, "Committed");
        await using var instance = await InProcessApiInstance.StartAsync(Db, shared.App);
        var memoized = await ReadAsync(instance, organization.Slug);

        await using (var context = instance.Cached())
        {
            await using var transaction = await context.Db.Database.BeginTransactionAsync(Ct);
            await context.Db.Database.ExecuteSqlAsync($"UPDATE organization SET name = 'Uncommitted' WHERE slug = {organization.Slug}", Ct);
            var (inTransaction, outcome) = await context.RequestAsync(db => FindProfile(db, organization.Slug, Ct));
            Assert.Equal((new Profile("Uncommitted", 0), QueryCacheOutcome.Bypass), (inTransaction, outcome));
        }

        var optedOut = await ReadAsync(instance, organization.Slug, noCache: true);
        Assert.Equal((new Profile("Committed", 0), QueryCacheOutcome.Bypass), Pick(optedOut));
        Assert.NotSame(memoized.Profile, optedOut.Profile);
        Assert.Same(memoized.Profile, (await ReadAsync(instance, organization.Slug)).Profile);
    }

    [Fact]
    public async Task AModelWithAQueryFilterIsNeverMemoizedForTheFilterReadsTheContext()
    {
        var organization = await TestOrganizations.CreateAsync(Db, "Visible");
        await using var instance = await InProcessApiInstance.StartAsync(Db, shared.App);
        var options = CachedHandleOptions<HidingContext>(instance);

        async Task<string?> ReadAsync(string hidden)
        {
            await using var db = new HidingContext(options) { HiddenName = hidden };
            return await NameUnlessHidden(db, organization.Slug, Ct);
        }

        Assert.Equal("Visible", await ReadAsync(hidden: "Nobody"));
        Assert.Equal("Visible", await ReadAsync(hidden: "Nobody"));
        Assert.Null(await ReadAsync(hidden: "Visible"));
    }

    [Fact]
    public async Task AnEntityEvenAnImmutableRecordIsNeverSharedForItsContextTracksIt()
    {
        var organization = await TestOrganizations.CreateAsync(Db, "Tracked record");
        await using var instance = await InProcessApiInstance.StartAsync(Db, shared.App);
        var options = CachedHandleOptions<RecordEntityContext>(instance);

        await using var first = new RecordEntityContext(options);
        await using var second = new RecordEntityContext(options);
        var firstRecord = await FindRecord(first, organization.Slug, Ct);
        var secondRecord = await FindRecord(second, organization.Slug, Ct);

        Assert.Equal(new OrganizationRecord(organization.Id, "Tracked record", organization.Slug), secondRecord);
        Assert.NotSame(firstRecord, secondRecord);
        Assert.Equal(EntityState.Unchanged, second.Entry(secondRecord).State);
    }

    [Fact]
    public void AQueryWhoseResultCouldChangeUnderItsCallersIsRefusedWhenCompiled()
    {
        var prefix = "qc-";
        (string Named, Action Compile)[] refusals =
        [
            ("MutableProfile.Name", () => CachedQuery.Compile((CachedDbContext db, string slug, CancellationToken _) =>
                db.Organizations.Where(o => o.Slug == slug).Select(o => new MutableProfile { Name = o.Name }).Single())),
            ("MutableProfile.Name", () => CachedQuery.CompileList((CachedDbContext db, string slug) =>
                db.Organizations.Where(o => o.Slug == slug).Select(o => new MutableProfile { Name = o.Name }))),
            ("the captured variable prefix", () => CachedQuery.Compile((CachedDbContext db, string slug, CancellationToken _) =>
                db.Organizations.Where(o => o.Slug == prefix + slug).Select(o => o.Name).Single())),
            ("Mutable.Names", () => CachedQuery.Compile((CachedDbContext db, string slug, CancellationToken _) =>
                db.Organizations.Where(o => o.Slug == slug && Mutable.Names.Contains(o.Name)).Select(o => o.Name).Single())),
            ("DateTime.UtcNow", () => CachedQuery.Compile((CachedDbContext db, string slug, CancellationToken _) =>
                db.Organizations.Where(o => o.Slug == slug && o.CreatedAt < DateTime.UtcNow).Select(o => o.Name).Single())),
            ("the context's ChangeTracker", () => CachedQuery.Compile((CachedDbContext db, string slug, CancellationToken _) =>
                db.Organizations.Where(o => o.Slug == slug && db.ChangeTracker.AutoDetectChangesEnabled).Select(o => o.Name).Single())),
        ];

        foreach (var (named, compile) in refusals)
        {
            var refused = Assert.Throws<InvalidOperationException>(compile);
            Assert.Contains(named, refused.Message, StringComparison.Ordinal);
        }
    }

    /// <summary>A context of the test's own type, wired to the instance's cache as the API wires its cached handle.</summary>
    private DbContextOptions<TContext> CachedHandleOptions<TContext>(InProcessApiInstance instance)
        where TContext : DbContext
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        builder.UseAppDatabase(Db).UseQueryCache(instance.Services);
        return builder.Options;
    }

    private static (Profile? Profile, QueryCacheOutcome? Outcome) Pick((Profile? Profile, QueryCacheOutcome? Outcome, string Slug) read) =>
        (read.Profile, read.Outcome);

    private static async Task<(Profile? Profile, QueryCacheOutcome? Outcome, string Slug)> ReadAsync(InProcessApiInstance instance, string slug, bool noCache = false)
    {
        await using var context = instance.Cached();
        var (profile, outcome) = await context.RequestAsync(db => FindProfile(db, slug, Ct), noCache);
        return (profile, outcome, slug);
    }

    private sealed record Profile(string Name, int Members);

    private sealed record NameAndMembers(string Name, int Members);

    /// <summary>A context whose query filter reads one of its properties, as a tenant filter would.</summary>
    private sealed class HidingContext(DbContextOptions<HidingContext> options) : AppDbContext(options)
    {
        public string HiddenName { get; init; } = "";

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            base.OnModelCreating(modelBuilder);
            modelBuilder.Entity<Organization>().HasQueryFilter(organization => organization.Name != HiddenName);
        }
    }

    /// <summary>A context that maps an immutable record as an entity (the organization table, read as a view).</summary>
    private sealed class RecordEntityContext(DbContextOptions<RecordEntityContext> options) : AppDbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            base.OnModelCreating(modelBuilder);
            modelBuilder.Entity<OrganizationRecord>(record =>
            {
                record.ToView("organization");
                record.HasKey(o => o.Id);
            });
        }
    }

    private sealed record OrganizationRecord(string Id, string Name, string Slug);

    private static class Mutable
    {
        public static readonly List<string> Names = [];
    }

    private sealed class MutableProfile
    {
        public string Name { get; set; } = "";
    }
}
