using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Globalization;
using StackExchange.Redis;

namespace Api.Data.QueryCache;

/// <summary>
/// Which results the cache server (L2) holds, as far as this instance knows: every instance announces the entries it
/// stores, and this one lists what was already there each time it (re)synchronizes. A miss on a result no instance
/// has stored then skips the L2 lookup, a cache-server round trip it cannot win, and goes straight to PostgreSQL.
/// Wrongly skipping only costs one query, never a wrong answer; wrongly looking finds nothing. Until a listing is
/// complete (at start, after any cache-server failure, or once it outgrew its bound), every miss looks in L2.
/// </summary>
internal sealed partial class SharedEntryDirectory(
    IConnectionMultiplexer connection,
    CacheNamespace cacheNamespace,
    QueryCacheOptions options,
    TimeProvider clock,
    ILogger<SharedEntryDirectory> logger)
{
    // About 50 MB at most; beyond it the directory stops claiming to know, rather than growing.
    private const int MaxEntries = 1_000_000;
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(1);

    // An entry's id: the first 64 bits of its cache-server key (a SHA-256); its value, when it expires there.
    private readonly ConcurrentDictionary<ulong, long> entries = new();

    // Kept beside the dictionary, whose own Count takes every one of its locks.
    private int count;
    private volatile bool complete;
    private int generation;
    private bool subscribed;
    private long nextPruneTicks;

    /// <summary>Whether the directory knows every entry: once listed, and until announcements may have been missed.</summary>
    public bool IsComplete => complete;

    /// <summary>False only when no instance has stored the entry since this instance's listing.</summary>
    public bool MayHold(string sharedKey) =>
        !complete || (entries.TryGetValue(IdOf(sharedKey), out var expires) && expires > clock.GetUtcNow().UtcTicks);

    /// <summary>
    /// Entries this instance is storing: known here at once, announced to the others in one message that goes out
    /// after the stores, in the same batch, so no instance hears of an entry before the server has it.
    /// </summary>
    public void Stored(IReadOnlyList<string> sharedKeys, IBatch batch)
    {
        var message = new byte[sharedKeys.Count * sizeof(ulong)];
        for (var i = 0; i < sharedKeys.Count; i++)
        {
            var id = IdOf(sharedKeys[i]);
            Add(id);
            BinaryPrimitives.WriteUInt64LittleEndian(message.AsSpan(i * sizeof(ulong)), id);
        }

        _ = batch.PublishAsync(Channel, message, CommandFlags.FireAndForget);
    }

    /// <summary>Announcements may have been missed: look in L2 on every miss until the next listing.</summary>
    public void Forget()
    {
        Interlocked.Increment(ref generation);
        complete = false;
        entries.Clear();
        Volatile.Write(ref count, 0);
    }

    /// <summary>Listens for announcements, then lists the entries already stored; complete if nothing failed meanwhile.</summary>
    public async Task SynchronizeAsync()
    {
        var started = Volatile.Read(ref generation);
        try
        {
            if (!subscribed)
            {
                // The client re-subscribes by itself after a reconnect; once is enough.
                await connection.GetSubscriber().SubscribeAsync(Channel, OnAnnouncement).WaitAsync(options.CacheServerTimeout, clock);
                subscribed = true;
            }

            var listed = 0;
            var prefixLength = cacheNamespace.EntryKey("").Length;
            foreach (var server in connection.GetServers())
            {
                await foreach (var key in server.KeysAsync(pattern: GlobEscaped(cacheNamespace.EntryKey("")) + "*", pageSize: 1000))
                {
                    Add(IdOf(((string)key!)[prefixLength..]));
                    listed++;
                }
            }

            complete = started == Volatile.Read(ref generation) && Volatile.Read(ref count) < MaxEntries;
            LogListed(logger, listed);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // Stays incomplete: misses keep looking in L2, as they would without a directory.
            LogListingFailed(logger, exception);
        }
    }

    private RedisChannel Channel => field.IsNullOrEmpty ? field = RedisChannel.Literal(cacheNamespace.Prefix + "entries") : field;

    private void OnAnnouncement(RedisChannel channel, RedisValue message)
    {
        var ids = ((byte[])message!).AsSpan();
        for (var offset = 0; offset + sizeof(ulong) <= ids.Length; offset += sizeof(ulong))
        {
            Add(BinaryPrimitives.ReadUInt64LittleEndian(ids[offset..]));
        }
    }

    private void Add(ulong id)
    {
        var now = clock.GetUtcNow().UtcTicks;
        var expires = now + options.RetainFor.Ticks;
        if (entries.TryAdd(id, expires))
        {
            if (Interlocked.Increment(ref count) > MaxEntries)
            {
                Prune(now);
                if (Volatile.Read(ref count) > MaxEntries)
                {
                    // Full: from now on misses look in L2, until the next listing.
                    complete = false;
                }
            }
        }
        else
        {
            entries[id] = expires;
        }

        if (now >= Interlocked.Read(ref nextPruneTicks))
        {
            Prune(now);
        }
    }

    // Entries the cache server has let expire: without this the directory would only ever grow.
    private void Prune(long now)
    {
        Interlocked.Exchange(ref nextPruneTicks, now + PruneEvery.Ticks);
        foreach (var (id, expires) in entries)
        {
            if (expires <= now && entries.TryRemove(new KeyValuePair<ulong, long>(id, expires)))
            {
                Interlocked.Decrement(ref count);
            }
        }
    }

    // The prefix names the database's host, which may hold glob characters ("[::1]").
    private static string GlobEscaped(string text) =>
        string.Concat(text.Select(c => c is '*' or '?' or '[' or ']' or '\\' ? $"\\{c}" : c.ToString()));

    private static ulong IdOf(string sharedKey) => ulong.Parse(sharedKey.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Query cache: {Entries} shared entries listed; misses on any other result skip the cache server.")]
    private static partial void LogListed(ILogger logger, int entries);

    [LoggerMessage(Level = LogLevel.Information, Message = "Query cache: listing the shared entries failed; misses look in the cache server until the next synchronization.")]
    private static partial void LogListingFailed(ILogger logger, Exception exception);
}
