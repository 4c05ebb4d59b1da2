using Microsoft.Extensions.Caching.Memory;
using StackExchange.Redis;

namespace Api.Data.QueryCache;

/// <summary>
/// The two levels: an in-process memory cache (L1), and the cache server (L2) shared by every instance. L2 reads wait
/// at most <see cref="QueryCacheOptions.CacheServerTimeout"/>; L2 writes are never waited on.
/// </summary>
internal sealed class QueryResultStore : IDisposable
{
    private readonly MemoryCache memory;
    private readonly IConnectionMultiplexer connection;
    private readonly CacheNamespace cacheNamespace;
    private readonly CacheServerCircuit circuit;
    private readonly QueryCacheOptions options;

    public QueryResultStore(IConnectionMultiplexer connection, CacheNamespace cacheNamespace, CacheServerCircuit circuit, QueryCacheOptions options)
    {
        this.connection = connection;
        this.cacheNamespace = cacheNamespace;
        this.circuit = circuit;
        this.options = options;
        memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.MemoryLimitBytes });
    }

    public CacheEntry? GetFromMemory(string key) => memory.Get<CacheEntry>(key);

    public async Task<CacheEntry?> GetFromServerAsync(string key)
    {
        try
        {
            // Task.Run: with the server frozen, the client can block the caller while it waits for its write lock.
            var value = await Task.Run(() => connection.GetDatabase().StringGetAsync(SharedKey(key))).WaitAsync(options.CacheServerTimeout);
            var entry = value.IsNull ? null : CacheEntrySerializer.Deserialize((byte[])value!);
            // Never over a newer L1 entry (a refresh whose L2 write has not landed yet).
            if (entry is not null && (GetFromMemory(key) is not { } local || local.CreatedAt < entry.CreatedAt))
            {
                PutInMemory(key, entry);
            }

            return entry;
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            circuit.Trip("get");
            return null;
        }
    }

    public void Put(string key, CacheEntry entry)
    {
        PutInMemory(key, entry);
        _ = Task.Run(() => PutOnServerAsync(key, entry));
    }

    /// <summary>Forgets every L1 entry: called when invalidations may have been missed.</summary>
    public void ClearMemory() => memory.Clear();

    public void Dispose() => memory.Dispose();

    private string SharedKey(string key) => cacheNamespace.EntryKey(QueryCacheKey.Shared(cacheNamespace.Database, key));

    private void PutInMemory(string key, CacheEntry entry) =>
        memory.Set(key, entry, new MemoryCacheEntryOptions
        {
            AbsoluteExpiration = entry.CreatedAt + options.RetainFor,
            Size = entry.Result.SizeInBytes,
        });

    private async Task PutOnServerAsync(string key, CacheEntry entry)
    {
        try
        {
            var expiry = entry.CreatedAt + options.RetainFor - DateTimeOffset.UtcNow;
            await connection.GetDatabase()
                .StringSetAsync(SharedKey(key), CacheEntrySerializer.Serialize(entry), expiry, flags: CommandFlags.FireAndForget)
                .WaitAsync(options.CacheServerTimeout);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            circuit.Trip("set");
        }
    }
}
