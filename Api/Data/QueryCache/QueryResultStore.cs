using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using StackExchange.Redis;

namespace Api.Data.QueryCache;

/// <summary>
/// The two levels: an in-process memory cache (L1), and the cache server (L2) shared by every instance. L2 reads wait
/// at most <see cref="QueryCacheOptions.CacheServerTimeout"/> and are skipped for results the
/// <see cref="SharedEntryDirectory"/> knows no instance stored. A result goes to L2 as soon as it is read, or, with
/// <see cref="QueryCacheOptions.ShareOnlyReusedResults"/> on, once it is read a second time on this instance or any
/// other. L2 writes, and the announcements of first reads, are never waited on: they are queued and sent in one batch
/// every 50 ms at most, off the request's path.
/// </summary>
internal sealed class QueryResultStore : IDisposable
{
    private static readonly TimeSpan FlushDelay = TimeSpan.FromMilliseconds(50);

    private readonly MemoryCache memory;
    private readonly IConnectionMultiplexer connection;
    private readonly CacheNamespace cacheNamespace;
    private readonly CacheServerCircuit circuit;
    private readonly SharedEntryDirectory directory;
    private readonly QueryCacheOptions options;
    private readonly TimeProvider clock;
    private readonly ConcurrentQueue<(string SharedKey, CacheEntry Entry)> unsent = new();
    private readonly ConcurrentQueue<string> unannouncedReads = new();
    private int flushing;

    public QueryResultStore(
        IConnectionMultiplexer connection,
        CacheNamespace cacheNamespace,
        CacheServerCircuit circuit,
        SharedEntryDirectory directory,
        QueryCacheOptions options,
        TimeProvider clock)
    {
        this.connection = connection;
        this.cacheNamespace = cacheNamespace;
        this.circuit = circuit;
        this.directory = directory;
        this.options = options;
        this.clock = clock;
        memory = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.MemoryLimitBytes });
    }

    public CacheEntry? GetFromMemory(string key) => memory.Get<CacheEntry>(key);

    /// <summary>The entry's key on the cache server: a SHA-256, computed only when L1 cannot answer.</summary>
    public string SharedKeyOf(string key) => QueryCacheKey.Shared(cacheNamespace.Database, key);

    public async Task<CacheEntry?> GetFromServerAsync(string key, string sharedKey)
    {
        if (!directory.MayHold(sharedKey))
        {
            return null;
        }

        try
        {
            // Task.Run: with the server frozen, the client can block the caller while it waits for its write lock.
            var value = await Task.Run(() => connection.GetDatabase().StringGetAsync(cacheNamespace.EntryKey(sharedKey))).WaitAsync(options.CacheServerTimeout, clock);
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

    /// <summary>
    /// Keeps a result just read from PostgreSQL; <paramref name="reused"/> when it replaces one that was read again.
    /// With <see cref="QueryCacheOptions.ShareOnlyReusedResults"/> on, a first read is only announced, so that the
    /// second, wherever it happens, shares the result.
    /// </summary>
    public void Put(string key, string sharedKey, CacheEntry entry, bool reused)
    {
        PutInMemory(key, entry);
        if (options.ShareOnlyReusedResults && !reused && !directory.ReadBefore(sharedKey))
        {
            Enqueue(unannouncedReads, sharedKey);
        }
        else if (entry.ClaimCacheServerWrite())
        {
            Share(sharedKey, entry);
        }
    }

    /// <summary>An L1 entry served again: worth sharing with the other instances now, if it is not already.</summary>
    public void Reused(string key, CacheEntry entry)
    {
        if (options.ShareOnlyReusedResults && entry.ClaimCacheServerWrite())
        {
            Share(SharedKeyOf(key), entry);
        }
    }

    public MaterializedResult? GetMaterialized(MaterializedKey key) => memory.Get<MaterializedResult>(key);

    /// <summary>
    /// Kept in L1 beside the entries, so that it is dropped with them (<see cref="ClearMemory"/>) and counts against the
    /// same budget: as much as the entry it keeps alive, whether or not L1 still holds that entry.
    /// </summary>
    public void PutMaterialized(MaterializedKey key, MaterializedResult result)
    {
        using var cached = memory.CreateEntry(key);
        cached.Value = result;
        // Never served past MaxAge: a stale entry goes through the read path, which refreshes it.
        cached.AbsoluteExpiration = result.Entry.CreatedAt + options.MaxAge;
        cached.Size = result.Entry.Result.SizeInBytes;
    }

    /// <summary>Forgets every L1 entry: called when invalidations may have been missed.</summary>
    public void ClearMemory() => memory.Clear();

    public void Dispose() => memory.Dispose();

    /// <summary>Queues the entry's L2 write; the caller has claimed it (<see cref="CacheEntry.ClaimCacheServerWrite"/>).</summary>
    private void Share(string sharedKey, CacheEntry entry) => Enqueue(unsent, (sharedKey, entry));

    private void Enqueue<T>(ConcurrentQueue<T> queue, T item)
    {
        queue.Enqueue(item);
        if (Interlocked.CompareExchange(ref flushing, 1, 0) == 0)
        {
            _ = FlushSoonAsync();
        }
    }

    private void PutInMemory(string key, CacheEntry entry)
    {
        // The entry itself, not Set's options object: one allocation fewer on every miss.
        using var cached = memory.CreateEntry(key);
        cached.Value = entry;
        cached.AbsoluteExpiration = entry.CreatedAt + options.RetainFor;
        cached.Size = entry.Result.SizeInBytes;
    }

    // Each batch wakes threads in every process it reaches (the cache server, this one's reader, every instance
    // hearing the announcement): on a small machine those wake-ups, not the bytes, are what writes cost the requests
    // running meanwhile. Batching for 50 ms bounds them at 20 a second, whatever the load; another instance asking
    // for the result within that time reads PostgreSQL itself, as it would have before the first read finished.
    private async Task FlushSoonAsync()
    {
        await Task.Delay(FlushDelay, clock);
        Flush();
    }

    /// <summary>
    /// Sends every queued L2 write in one pipelined batch that ends with their announcement, and the announcement of
    /// the first reads; whatever is queued meanwhile waits for the next batch, 50 ms later.
    /// </summary>
    private void Flush()
    {
        var sent = new List<string>();
        var reads = new List<string>();
        try
        {
            var batch = connection.GetDatabase().CreateBatch();
            while (unannouncedReads.TryDequeue(out var read))
            {
                if (!circuit.IsOpen)
                {
                    reads.Add(read);
                }
            }

            while (unsent.TryDequeue(out var write))
            {
                var expiry = write.Entry.CreatedAt + options.RetainFor - clock.GetUtcNow();
                // While the circuit is open L1 is being dropped anyway, and the server would only time out.
                if (!circuit.IsOpen && expiry > TimeSpan.Zero)
                {
                    _ = batch.StringSetAsync(
                        cacheNamespace.EntryKey(write.SharedKey), CacheEntrySerializer.Serialize(write.Entry), expiry, flags: CommandFlags.FireAndForget);
                    sent.Add(write.SharedKey);
                }
            }

            if (sent.Count > 0)
            {
                directory.Stored(sent, batch);
            }

            if (reads.Count > 0)
            {
                directory.Read(reads, batch);
            }

            if (sent.Count + reads.Count > 0)
            {
                batch.Execute();
            }
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            circuit.Trip("set");
        }
        finally
        {
            Volatile.Write(ref flushing, 0);
            if ((!unsent.IsEmpty || !unannouncedReads.IsEmpty) && Interlocked.CompareExchange(ref flushing, 1, 0) == 0)
            {
                _ = FlushSoonAsync();
            }
        }
    }
}
