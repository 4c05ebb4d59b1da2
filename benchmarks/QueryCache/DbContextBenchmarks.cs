using Api.Apis;
using Api.Apis.Contracts;
using Api.Data;
using Api.Data.QueryCache;
using BenchmarkDotNet.Attributes;
using Db;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace QueryCacheBenchmarks;

/// <summary>
/// The API's organization-profile query (one row, a member count; a <see cref="CachedQuery"/>, as the endpoint runs
/// it) at the DbContext level: straight to PostgreSQL on the direct handle, and on the cached handle as an L1 hit, an
/// L2 hit and a miss; plus the same L1 hit as an EF Core compiled query and written as plain LINQ (both through EF
/// Core's command and the cache's interceptor, what any query on the cached handle gets), and the cached handle with
/// the request's cache bypassed. A new pooled context per operation, as a request gets.
/// </summary>
[MemoryDiagnoser]
public class DbContextBenchmarks
{
    private const string Slug = "acme-demo";

    internal static readonly Func<CachedDbContext, string, long, Task<OrganizationProfile?>> VaryingOnCached = CompileVarying<CachedDbContext>();
    internal static readonly Func<DirectDbContext, string, long, Task<OrganizationProfile?>> VaryingOnDirect = CompileVarying<DirectDbContext>();

    private static readonly Func<CachedDbContext, string, Task<OrganizationProfile?>> ProfileCompiledByEf =
        EF.CompileAsyncQuery((CachedDbContext db, string slug) => db.Organizations.AsNoTracking()
            .Where(o => o.Slug == slug)
            .Select(o => new OrganizationProfile(o.Name, o.Slug, o.Logo, o.Members.Count))
            .SingleOrDefault());

    private DataLayer layer = null!;
    private QueryResultStore store = null!;
    private long unique;

    public static string Database { get; set; } = "";

    public static string Cache { get; set; } = "";

    [GlobalSetup]
    public async Task SetupAsync()
    {
        layer = await DataLayer.StartAsync(Database, Cache);
        store = layer.Services.GetRequiredService<QueryResultStore>();
    }

    [GlobalCleanup]
    public async Task CleanupAsync() => await layer.DisposeAsync();

    [Benchmark(Baseline = true, Description = "direct")]
    public async Task<object?> Direct()
    {
        await using var scope = layer.Scope();
        return await OrganizationProfileQuery.FindAsync(DataLayer.Direct(scope), Slug, default);
    }

    [Benchmark(Description = "cached, L1 hit")]
    public async Task<object?> CachedL1Hit()
    {
        await using var scope = layer.Scope();
        return await OrganizationProfileQuery.FindAsync(DataLayer.Cached(scope), Slug, default);
    }

    // The same query compiled by EF Core itself: every hit goes through EF Core's command and the cache's interceptor.
    [Benchmark(Description = "cached, L1 hit, EF compiled query")]
    public async Task<object?> CachedL1HitEfCompiled()
    {
        await using var scope = layer.Scope();
        return await ProfileCompiledByEf(DataLayer.Cached(scope), Slug);
    }

    // What an application that does not compile its hot query pays on each hit: EF Core's LINQ pipeline on top.
    [Benchmark(Description = "cached, L1 hit, plain LINQ")]
    public async Task<object?> CachedL1HitLinq()
    {
        await using var scope = layer.Scope();
        var slug = Slug;
        return await DataLayer.Cached(scope).Organizations.AsNoTracking()
            .Where(o => o.Slug == slug)
            .Select(o => new OrganizationProfile(o.Name, o.Slug, o.Logo, o.Members.Count))
            .SingleOrDefaultAsync();
    }

    [Benchmark(Description = "cached, L2 hit")]
    public async Task<object?> CachedL2Hit()
    {
        store.ClearMemory();
        await using var scope = layer.Scope();
        return await OrganizationProfileQuery.FindAsync(DataLayer.Cached(scope), Slug, default);
    }

    // Cache-Control: no-cache on the HTTP benchmark's "direct" case: the cached handle with the cache bypassed.
    [Benchmark(Description = "cached, bypassed (no-cache)")]
    public async Task<object?> CachedBypassed()
    {
        // An async method's AsyncLocal changes end with it: the scope does not leak into the other benchmarks.
        RequestCacheScope.Begin(noCache: true);
        await using var scope = layer.Scope();
        return await OrganizationProfileQuery.FindAsync(DataLayer.Cached(scope), Slug, default);
    }

    // A parameter value never seen before: a new key, so a miss in L1 and L2, then the query and the store.
    [Benchmark(Description = "cached, miss")]
    public async Task<object?> CachedMiss()
    {
        await using var scope = layer.Scope();
        return await VaryingOnCached(DataLayer.Cached(scope), Slug, Interlocked.Increment(ref unique) + 1_000_000_000);
    }

    // The same query shape with the same varying parameter, for the miss's baseline.
    [Benchmark(Description = "direct, varying parameter")]
    public async Task<object?> DirectVarying()
    {
        await using var scope = layer.Scope();
        return await VaryingOnDirect(DataLayer.Direct(scope), Slug, Interlocked.Increment(ref unique) + 1_000_000_000);
    }

    // The profile query with one more parameter that changes the key but not the row.
    private static Func<TContext, string, long, Task<OrganizationProfile?>> CompileVarying<TContext>()
        where TContext : AppDbContext =>
        EF.CompileAsyncQuery((TContext db, string slug, long nameLengthBelow) => db.Organizations.AsNoTracking()
            .Where(o => o.Slug == slug && o.Name.Length < nameLengthBelow)
            .Select(o => new OrganizationProfile(o.Name, o.Slug, o.Logo, o.Members.Count))
            .SingleOrDefault());
}
