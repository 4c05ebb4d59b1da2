using System.Runtime.InteropServices;

namespace Api.Data.QueryCache;

/// <summary>
/// A map from 64-bit ids to 64-bit values for <see cref="SharedEntryDirectory"/>, which may hold a million of them on
/// every instance: plain dictionaries keep their entries in arrays, where a concurrent dictionary allocates one node
/// per entry that the GC then has to trace and copy. Each of a few stripes is a dictionary under its own lock, chosen
/// by the id's low bits (the ids are hash prefixes, evenly spread), so that a request's lookup rarely waits for an
/// announcement being learned.
/// </summary>
internal sealed class StripedIdMap
{
    private const int StripeCount = 16;

    private readonly Dictionary<ulong, long>[] stripes = new Dictionary<ulong, long>[StripeCount];
    private readonly Lock[] locks = new Lock[StripeCount];
    private int count;

    public StripedIdMap()
    {
        for (var i = 0; i < StripeCount; i++)
        {
            stripes[i] = [];
            locks[i] = new Lock();
        }
    }

    /// <summary>Kept beside the stripes: counting them would take every lock.</summary>
    public int Count => Volatile.Read(ref count);

    public bool TryGetValue(ulong id, out long value)
    {
        var stripe = StripeOf(id);
        lock (locks[stripe])
        {
            return stripes[stripe].TryGetValue(id, out value);
        }
    }

    /// <summary>Adds the id, or sets its value to what <paramref name="merge"/> makes of the current one and this one.</summary>
    /// <param name="merge">(current, new, state) to the value kept; a static lambda, so that no call allocates.</param>
    /// <returns>True when the id was new.</returns>
    public bool AddOrMerge<TState>(ulong id, long value, TState state, Func<long, long, TState, long> merge)
    {
        var stripe = StripeOf(id);
        lock (locks[stripe])
        {
            ref var current = ref CollectionsMarshal.GetValueRefOrAddDefault(stripes[stripe], id, out var existed);
            current = existed ? merge(current, value, state) : value;
            if (!existed)
            {
                Interlocked.Increment(ref count);
            }

            return !existed;
        }
    }

    /// <summary>Removes every id whose value <paramref name="expired"/> says is over, one stripe at a time.</summary>
    public void RemoveWhere(Func<long, bool> expired)
    {
        for (var stripe = 0; stripe < StripeCount; stripe++)
        {
            lock (locks[stripe])
            {
                // Removing while enumerating is allowed for Dictionary (since .NET Core 3.0).
                foreach (var (id, value) in stripes[stripe])
                {
                    if (expired(value) && stripes[stripe].Remove(id))
                    {
                        Interlocked.Decrement(ref count);
                    }
                }
            }
        }
    }

    public void Clear()
    {
        for (var stripe = 0; stripe < StripeCount; stripe++)
        {
            lock (locks[stripe])
            {
                Interlocked.Add(ref count, -stripes[stripe].Count);
                stripes[stripe].Clear();
            }
        }
    }

    private static int StripeOf(ulong id) => (int)(id & (StripeCount - 1));
}
