using Api.Data;
using Api.Data.QueryCache;
using Db;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tests.Infrastructure;

namespace Tests.QueryCache;

/// <summary>
/// Two releases of the API on one database during a rolling deployment: the newer one's migrations may have changed
/// a column's type under the same SQL, so neither reads the rows the other stored on the cache server, while a write
/// through either still invalidates both.
/// </summary>
public sealed class CacheAcrossReleasesTests(SharedApp shared, PrivateDatabase database) : IClassFixture<PrivateDatabase>
{
    private const string OlderRelease = "20260101000000_Older";
    private const string NewerRelease = "20260201000000_Newer";

    private string Db => database.ConnectionString;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheApiNamesItsCachedResultsAfterItsLatestMigration()
    {
        await using var instance = await InProcessApiInstance.StartAsync(Db, shared.App);

        var schemaVersion = instance.Services.GetRequiredService<QueryCacheOptions>().SchemaVersion;

        Assert.Equal(MigrationHistory.Known[^1], schemaVersion);
        Assert.Contains($":{schemaVersion}:", instance.Services.GetRequiredService<CacheNamespace>().EntryKey("k"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReleaseNeverReadsResultsAnotherReleaseStoredButSeesItsWrites()
    {
        var organization = await TestOrganizations.CreateAsync(Db, "Released");
        await using var older = await InProcessApiInstance.StartAsync(Db, shared.App, ("QueryCache:SchemaVersion", OlderRelease));
        await using var olderPeer = await InProcessApiInstance.StartAsync(Db, shared.App, ("QueryCache:SchemaVersion", OlderRelease));
        await using var newer = await InProcessApiInstance.StartAsync(Db, shared.App, ("QueryCache:SchemaVersion", NewerRelease));
        await InProcessApiInstance.EntryListingsCompleteAsync(older, olderPeer, newer);
        await using var monitor = await CacheServerMonitor.StartAsync(shared.App.GetConnectionString("cache")!);

        async Task<(string Name, QueryCacheOutcome? Outcome)> ReadAsync(InProcessApiInstance instance)
        {
            await using var context = instance.Cached();
            return await context.RequestAsync(db => db.Organizations.AsNoTracking()
                .Where(o => o.Slug == organization.Slug).Select(o => o.Name).SingleAsync(Ct));
        }

        Assert.Equal(("Released", (QueryCacheOutcome?)QueryCacheOutcome.Miss), await ReadAsync(older));
        Assert.True(await monitor.WaitForAsync("PUBLISH", older.Services.GetRequiredService<CacheNamespace>().StoredAnnouncementChannel));
        await Task.Delay(250, Ct);

        // The same release shares it through the cache server; the other release reads PostgreSQL, without even
        // looking there: it did not hear of the entry.
        Assert.Equal(("Released", (QueryCacheOutcome?)QueryCacheOutcome.Hit), await ReadAsync(olderPeer));
        Assert.Equal(("Released", (QueryCacheOutcome?)QueryCacheOutcome.Miss), await ReadAsync(newer));
        Assert.Equal((1, 0, 1), (older.DatabaseQueries, olderPeer.DatabaseQueries, newer.DatabaseQueries));
        // (It stores its own result there a moment later: only a lookup would be wrong.)
        Assert.DoesNotContain("GET", monitor.CommandsOn(newer.Services.GetRequiredService<CacheNamespace>().EntryKey("")));

        // A write by the newer release reaches the older one's cache, as any other instance's would.
        await using (var direct = newer.Direct())
        {
            await direct.Db.Organizations.Where(o => o.Slug == organization.Slug)
                .ExecuteUpdateAsync(set => set.SetProperty(o => o.Name, "Renamed"), Ct);
        }

        var deadline = DateTime.UtcNow.AddSeconds(1);
        string name;
        do
        {
            name = (await ReadAsync(older)).Name;
        }
        while (name != "Renamed" && DateTime.UtcNow < deadline);

        Assert.Equal("Renamed", name);
    }
}
