using Api.Data.QueryCache;
using BenchmarkDotNet.Attributes;
using Db;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace QueryCacheBenchmarks;

/// <summary>
/// The API's organization-profile query (one row, a member count) at the DbContext level: straight to PostgreSQL on
/// the direct handle, and on the cached handle as an L1 hit, an L2 hit and a miss. A new pooled context per operation,
/// as a request gets.
/// </summary>
[MemoryDiagnoser]
public class DbContextBenchmarks
{
    private const string Slug = "acme-demo";

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
        return await ProfileAsync(DataLayer.Direct(scope), 0);
    }

    [Benchmark(Description = "cached, L1 hit")]
    public async Task<object?> CachedL1Hit()
    {
        await using var scope = layer.Scope();
        return await ProfileAsync(DataLayer.Cached(scope), 0);
    }

    [Benchmark(Description = "cached, L2 hit")]
    public async Task<object?> CachedL2Hit()
    {
        store.ClearMemory();
        await using var scope = layer.Scope();
        return await ProfileAsync(DataLayer.Cached(scope), 0);
    }

    // A parameter value never seen before: a new key, so a miss in L1 and L2, then the query and the store.
    [Benchmark(Description = "cached, miss")]
    public async Task<object?> CachedMiss()
    {
        await using var scope = layer.Scope();
        return await ProfileAsync(DataLayer.Cached(scope), Interlocked.Increment(ref unique) + 1_000_000);
    }

    // The same query shape with the same varying parameter, for the miss's baseline.
    [Benchmark(Description = "direct, varying parameter")]
    public async Task<object?> DirectVarying()
    {
        await using var scope = layer.Scope();
        return await ProfileAsync(DataLayer.Direct(scope), Interlocked.Increment(ref unique) + 1_000_000);
    }

    private static Task<ProfileRow?> ProfileAsync(AppDbContext db, long nonce) =>
        db.Organizations.AsNoTracking()
            .Where(o => o.Slug == Slug && o.Name.Length < 1_000_000_000 + nonce)
            .Select(o => new ProfileRow(o.Name, o.Slug, o.Logo, o.Members.Count))
            .SingleOrDefaultAsync();

    public sealed record ProfileRow(string Name, string Slug, string? Logo, int Members);
}
