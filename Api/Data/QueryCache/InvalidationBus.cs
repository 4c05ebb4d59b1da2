using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using StackExchange.Redis;

namespace Api.Data.QueryCache;

/// <summary>
/// Keeps every instance's <see cref="TableVersions"/> in step. A committed write raises its tables' versions in the
/// cache server (HINCRBY, atomic across instances) and publishes the new numbers; every instance, the writer
/// included, raises its local copy from the answer or the message. Until this instance has subscribed and loaded the
/// current versions (at start, and again after any cache-server failure) it reports itself not ready and the cache
/// is bypassed, so a result is never judged against versions that may have missed a write.
/// </summary>
internal sealed partial class InvalidationBus : IDisposable
{
    private readonly IConnectionMultiplexer connection;
    private readonly CacheNamespace cacheNamespace;
    private readonly TableVersions versions;
    private readonly CacheServerCircuit circuit;
    private readonly QueryResultStore store;
    private readonly SharedEntryDirectory directory;
    private readonly QueryCacheOptions options;
    private readonly QueryCacheTelemetry telemetry;
    private readonly TimeProvider clock;
    private readonly ILogger<InvalidationBus> logger;

    // Tables written while the cache server could not be told: announced as soon as it can.
    private readonly ConcurrentDictionary<string, bool> unannounced = new(StringComparer.Ordinal);
    private readonly Lock syncLock = new();
    private Task? synchronizing;
    private volatile bool synchronized;
    private volatile bool synchronizedOnce;
    private int desynchronizations;
    private int retrying;
    private bool subscribed;

    public InvalidationBus(
        IConnectionMultiplexer connection,
        CacheNamespace cacheNamespace,
        TableVersions versions,
        CacheServerCircuit circuit,
        QueryResultStore store,
        SharedEntryDirectory directory,
        QueryCacheOptions options,
        QueryCacheTelemetry telemetry,
        TimeProvider clock,
        ILogger<InvalidationBus> logger)
    {
        this.connection = connection;
        this.cacheNamespace = cacheNamespace;
        this.versions = versions;
        this.circuit = circuit;
        this.store = store;
        this.directory = directory;
        this.options = options;
        this.telemetry = telemetry;
        this.clock = clock;
        this.logger = logger;
        circuit.Opened += Desynchronize;
        connection.ConnectionFailed += OnConnectionFailed;
    }

    /// <summary>Whether cached results may be used now; if not, starts getting there in the background.</summary>
    public bool IsReady
    {
        get
        {
            if (circuit.IsOpen)
            {
                return false;
            }

            if (synchronized)
            {
                return true;
            }

            StartSynchronizing();
            return false;
        }
    }

    /// <summary>
    /// Waits until this instance has loaded the table versions once since it started, or the timeout passes: the
    /// start-up half of <see cref="IsReady"/>, for readiness. Later cache-server failures do not count: they hit every
    /// instance alike, and each keeps serving from PostgreSQL meanwhile.
    /// </summary>
    public async Task<bool> WaitUntilSynchronizedOnceAsync(TimeSpan timeout)
    {
        var deadline = clock.GetUtcNow() + timeout;
        while (!synchronizedOnce)
        {
            // Asking starts a load where none runs.
            _ = IsReady;
            if (clock.GetUtcNow() >= deadline)
            {
                break;
            }

            await Task.Delay(20);
        }

        return synchronizedOnce;
    }

    /// <summary>Waits until the bus is ready or the timeout passes (for start-up and tests).</summary>
    public async Task<bool> WaitUntilReadyAsync(TimeSpan timeout)
    {
        var deadline = clock.GetUtcNow() + timeout;
        while (!IsReady && clock.GetUtcNow() < deadline)
        {
            await Task.Delay(20);
        }

        return IsReady;
    }

    /// <summary>Announces committed writes; returns once this instance's versions reflect them.</summary>
    public async Task AnnounceAsync(IReadOnlyCollection<string> tables)
    {
        telemetry.Invalidated(tables.Count, "local");
        if (circuit.IsOpen)
        {
            Remember(tables);
            return;
        }

        try
        {
            await Task.Run(() => RaiseOnServerAsync(tables)).WaitAsync(options.CacheServerTimeout);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            Remember(tables);
            circuit.Trip("invalidate");
        }
    }

    public void Dispose()
    {
        circuit.Opened -= Desynchronize;
        connection.ConnectionFailed -= OnConnectionFailed;
    }

    private async Task RaiseOnServerAsync(IReadOnlyCollection<string> tables)
    {
        var database = connection.GetDatabase();
        var batch = database.CreateBatch();
        var raises = tables.Select(table => (Table: table, Version: batch.HashIncrementAsync(cacheNamespace.VersionsKey, table))).ToList();
        batch.Execute();

        var message = new StringBuilder().Append(clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        foreach (var (table, version) in raises)
        {
            var value = await version;
            versions.Raise(table, value);
            message.Append('\n').Append(table).Append('\t').Append(value.ToString(CultureInfo.InvariantCulture));
        }

        await database.PublishAsync(RedisChannel.Literal(cacheNamespace.InvalidationChannel), message.ToString());
    }

    private void OnMessage(RedisChannel channel, RedisValue message)
    {
        var lines = ((string)message!).Split('\n');
        if (long.TryParse(lines[0], CultureInfo.InvariantCulture, out var sentAt))
        {
            telemetry.InvalidationDelay(clock.GetUtcNow().ToUnixTimeMilliseconds() - sentAt);
        }

        foreach (var line in lines.Skip(1))
        {
            var parts = line.Split('\t');
            if (parts.Length == 2 && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var version))
            {
                versions.Raise(parts[0], version);
            }
        }

        telemetry.Invalidated(lines.Length - 1, "remote");
    }

    private void Remember(IEnumerable<string> tables)
    {
        foreach (var table in tables)
        {
            unannounced[table] = true;
        }

        // An instance that only writes never asks IsReady: it must still announce once the server is back.
        if (Interlocked.Exchange(ref retrying, 1) == 0)
        {
            _ = AnnounceWhenBackAsync();
        }
    }

    private async Task AnnounceWhenBackAsync()
    {
        try
        {
            while (!unannounced.IsEmpty)
            {
                await Task.Delay(options.CacheServerBreakDuration, clock);
                if (!circuit.IsOpen)
                {
                    StartSynchronizing();
                    await (synchronizing ?? Task.CompletedTask);
                }
            }
        }
        finally
        {
            Volatile.Write(ref retrying, 0);
        }
    }

    private void StartSynchronizing()
    {
        lock (syncLock)
        {
            if (synchronizing is null || synchronizing.IsCompleted)
            {
                // Never on the caller's thread: IsReady is asked on every read.
                synchronizing = Task.Run(SynchronizeAsync);
            }
        }
    }

    private async Task SynchronizeAsync()
    {
        var generation = Volatile.Read(ref desynchronizations);
        try
        {
            if (!subscribed)
            {
                // The client re-subscribes by itself after a reconnect; once is enough.
                await connection.GetSubscriber()
                    .SubscribeAsync(RedisChannel.Literal(cacheNamespace.InvalidationChannel), OnMessage)
                    .WaitAsync(options.CacheServerTimeout);
                subscribed = true;
            }

            var pending = unannounced.Keys.ToList();
            if (pending.Count > 0)
            {
                await RaiseOnServerAsync(pending).WaitAsync(options.CacheServerTimeout);
                foreach (var table in pending)
                {
                    unannounced.TryRemove(table, out _);
                }
            }

            var current = await connection.GetDatabase().HashGetAllAsync(cacheNamespace.VersionsKey).WaitAsync(options.CacheServerTimeout);
            foreach (var entry in current)
            {
                versions.Raise(entry.Name!, (long)entry.Value);
            }

            // Entries kept while out of touch may have missed invalidations.
            store.ClearMemory();

            // Not waited for: until the listing is complete, misses look in L2 as before.
            _ = directory.SynchronizeAsync();

            // A failure while loading means this load may already be out of date.
            var inStep = generation == Volatile.Read(ref desynchronizations);
            synchronizedOnce |= inStep;
            synchronized = inStep;
            LogSynchronized(logger, current.Length);
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            circuit.Trip("synchronize");
        }
    }

    private void Desynchronize()
    {
        Interlocked.Increment(ref desynchronizations);
        synchronized = false;
        store.ClearMemory();
        directory.Forget();
        LogDesynchronized(logger);
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) => Desynchronize();

    [LoggerMessage(Level = LogLevel.Information, Message = "Query cache ready: {Tables} table versions loaded from the cache server.")]
    private static partial void LogSynchronized(ILogger logger, int tables);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Query cache bypassed: the cache server failed or timed out; reads go to PostgreSQL until it answers again.")]
    private static partial void LogDesynchronized(ILogger logger);
}
