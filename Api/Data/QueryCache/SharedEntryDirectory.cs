using System.Buffers.Binary;
using System.Globalization;
using StackExchange.Redis;

namespace Api.Data.QueryCache;

/// <summary>
/// Which results the cache server (L2) holds, and which ones some instance has read, as far as this instance knows:
/// every instance announces the entries it stores and the results it read without storing, and this one lists what
/// was already stored each time it (re)synchronizes. A miss on a result no instance has stored then skips the L2
/// lookup, a cache-server round trip it cannot win, and goes straight to PostgreSQL; a result read before, here or
/// elsewhere, is worth storing (see <see cref="QueryCacheOptions.ShareOnlyReusedResults"/>). Wrongly skipping only
/// costs one query, never a wrong answer; wrongly looking finds nothing. Until a listing is complete (at start, after
/// any cache-server failure, or once it outgrew its bound), every miss looks in L2.
/// </summary>
internal sealed partial class SharedEntryDirectory(
    IConnectionMultiplexer connection,
    CacheNamespace cacheNamespace,
    QueryCacheOptions options,
    TimeProvider clock,
    ILogger<SharedEntryDirectory> logger)
{
    // About 30 MB at most (24 bytes an entry, and the tables' spare room); beyond it the directory stops claiming to
    // know, rather than growing.
    private const int MaxEntries = 1_000_000;
    private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(1);

    // A result's id: the first 64 bits of its cache-server key (a SHA-256); what is known of it, and until when
    // (see Known: one long, written in place).
    private readonly StripedIdMap entries = new();

    // Heads every announcement this instance sends: it hears its own, and has already learned what they say.
    private readonly ulong sender = (ulong)Random.Shared.NextInt64();

    private volatile bool complete;
    private int generation;
    private bool subscribedToStores;
    private bool subscribedToReads;
    private long nextPruneTicks;

    /// <summary>Whether the directory knows every entry: once listed, and until announcements may have been missed.</summary>
    public bool IsComplete => complete;

    /// <summary>False only when no instance has stored the entry since this instance's listing.</summary>
    public bool MayHold(string sharedKey) =>
        !complete || (entries.TryGetValue(IdOf(sharedKey), out var known) && IsStored(known) && ExpiresAt(known) > clock.GetUtcNow().UtcTicks);

    /// <summary>Whether an instance (this one included) has read or stored the result within its retention.</summary>
    public bool ReadBefore(string sharedKey) =>
        entries.TryGetValue(IdOf(sharedKey), out var known) && ExpiresAt(known) > clock.GetUtcNow().UtcTicks;

    /// <summary>
    /// Entries this instance is storing: known here at once, announced to the others in one message that goes out
    /// after the stores, in the same batch, so no instance hears of an entry before the server has it.
    /// </summary>
    public void Stored(IReadOnlyList<string> sharedKeys, IBatch batch) => Announce(sharedKeys, stored: true, batch);

    /// <summary>Results this instance read from PostgreSQL without storing them: known here at once, announced in the batch.</summary>
    public void Read(IReadOnlyList<string> sharedKeys, IBatch batch) => Announce(sharedKeys, stored: false, batch);

    /// <summary>Announcements may have been missed: look in L2 on every miss until the next listing.</summary>
    public void Forget()
    {
        Interlocked.Increment(ref generation);
        complete = false;
        entries.Clear();
    }

    /// <summary>Listens for announcements, then lists the entries already stored; complete if nothing failed meanwhile.</summary>
    public async Task SynchronizeAsync()
    {
        var started = Volatile.Read(ref generation);
        try
        {
            // The client re-subscribes by itself after a reconnect; once each is enough.
            var subscriber = connection.GetSubscriber();
            if (!subscribedToStores)
            {
                await subscriber.SubscribeAsync(StoredChannel, OnStoredAnnouncement).WaitAsync(options.CacheServerTimeout, clock);
                subscribedToStores = true;
            }

            if (!subscribedToReads)
            {
                await subscriber.SubscribeAsync(ReadChannel, OnReadAnnouncement).WaitAsync(options.CacheServerTimeout, clock);
                subscribedToReads = true;
            }

            var listed = 0;
            var prefixLength = cacheNamespace.EntryKey("").Length;
            foreach (var server in connection.GetServers())
            {
                await foreach (var key in server.KeysAsync(pattern: GlobEscaped(cacheNamespace.EntryKey("")) + "*", pageSize: 1000))
                {
                    Add(IdOf(((string)key!)[prefixLength..]), stored: true);
                    listed++;
                }
            }

            complete = started == Volatile.Read(ref generation) && entries.Count < MaxEntries;
            LogListed(logger, listed);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            // Stays incomplete: misses keep looking in L2, as they would without a directory.
            LogListingFailed(logger, exception);
        }
    }

    private RedisChannel StoredChannel => field.IsNullOrEmpty ? field = RedisChannel.Literal(cacheNamespace.StoredAnnouncementChannel) : field;

    private RedisChannel ReadChannel => field.IsNullOrEmpty ? field = RedisChannel.Literal(cacheNamespace.ReadAnnouncementChannel) : field;

    private void Announce(IReadOnlyList<string> sharedKeys, bool stored, IBatch batch)
    {
        var message = new byte[(sharedKeys.Count + 1) * sizeof(ulong)];
        BinaryPrimitives.WriteUInt64LittleEndian(message, sender);
        for (var i = 0; i < sharedKeys.Count; i++)
        {
            var id = IdOf(sharedKeys[i]);
            Add(id, stored);
            BinaryPrimitives.WriteUInt64LittleEndian(message.AsSpan((i + 1) * sizeof(ulong)), id);
        }

        _ = batch.PublishAsync(stored ? StoredChannel : ReadChannel, message, CommandFlags.FireAndForget);
    }

    private void OnStoredAnnouncement(RedisChannel channel, RedisValue message) => Learn(message, stored: true);

    private void OnReadAnnouncement(RedisChannel channel, RedisValue message) => Learn(message, stored: false);

    private void Learn(RedisValue message, bool stored)
    {
        var ids = ((byte[])message!).AsSpan();
        if (ids.Length < sizeof(ulong) || BinaryPrimitives.ReadUInt64LittleEndian(ids) == sender)
        {
            return;
        }

        for (var offset = sizeof(ulong); offset + sizeof(ulong) <= ids.Length; offset += sizeof(ulong))
        {
            Add(BinaryPrimitives.ReadUInt64LittleEndian(ids[offset..]), stored);
        }
    }

    private void Add(ulong id, bool stored)
    {
        var now = clock.GetUtcNow().UtcTicks;
        if (entries.AddOrMerge(id, Known(stored, now + options.RetainFor.Ticks), now, Merged) && entries.Count > MaxEntries)
        {
            Prune(now);
            if (entries.Count > MaxEntries)
            {
                // Full: from now on misses look in L2, until the next listing.
                complete = false;
            }
        }

        if (now >= Interlocked.Read(ref nextPruneTicks))
        {
            Prune(now);
        }
    }

    // Stored stays stored until it expires: a late announcement of an earlier read does not hide the entry.
    private static long Merged(long current, long learned, long now) =>
        IsStored(current) && !IsStored(learned) && ExpiresAt(current) > now ? current : learned;

    // Entries the cache server has let expire: without this the directory would only ever grow.
    private void Prune(long now)
    {
        Interlocked.Exchange(ref nextPruneTicks, now + PruneEvery.Ticks);
        entries.RemoveWhere(known => ExpiresAt(known) <= now);
    }

    // The prefix names the database's host, which may hold glob characters ("[::1]").
    private static string GlobEscaped(string text) =>
        string.Concat(text.Select(c => c is '*' or '?' or '[' or ']' or '\\' ? $"\\{c}" : c.ToString()));

    private static ulong IdOf(string sharedKey) => ulong.Parse(sharedKey.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);

    // What is known of a result: until when (UTC ticks, rounded down to even) and, in the lowest bit, whether it is
    // stored on the cache server or only read by some instance.
    private static long Known(bool stored, long expires) => (expires & ~1L) | (stored ? 1L : 0L);

    private static bool IsStored(long known) => (known & 1L) != 0;

    private static long ExpiresAt(long known) => known & ~1L;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Query cache: {Entries} shared entries listed; misses on any other result skip the cache server.")]
    private static partial void LogListed(ILogger logger, int entries);

    [LoggerMessage(Level = LogLevel.Information, Message = "Query cache: listing the shared entries failed; misses look in the cache server until the next synchronization.")]
    private static partial void LogListingFailed(ILogger logger, Exception exception);
}
