using System.Collections.Concurrent;
using System.Diagnostics;
using Api.Data.QueryCache;

namespace QueryCacheBenchmarks;

/// <summary>
/// What a full shared-entry directory (a million results announced) costs an instance: the heap it holds, the time to
/// learn the ids, and a full blocking collection with it alive, for the directory's map and for the concurrent
/// dictionary it replaced (one node object per id), in this process, without the app.
/// </summary>
internal static class DirectoryMemory
{
    private const int Ids = 1_000_000;

    public static void Run()
    {
        var random = new Random(1);
        var ids = new ulong[Ids];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = (ulong)random.NextInt64();
        }

        for (var round = 0; round < 2; round++)
        {
            Measure("StripedIdMap (the directory's map)", () =>
            {
                var map = new StripedIdMap();
                foreach (var id in ids)
                {
                    map.AddOrMerge(id, 1L, 0L, static (_, learned, _) => learned);
                }

                return map;
            });
            Measure("ConcurrentDictionary<ulong, long> (before)", () =>
            {
                var map = new ConcurrentDictionary<ulong, long>();
                foreach (var id in ids)
                {
                    map.TryAdd(id, 1L);
                }

                return map;
            });
        }
    }

    private static void Measure(string name, Func<object> fill)
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var filling = Stopwatch.StartNew();
        var map = fill();
        var filled = filling.Elapsed;
        var held = GC.GetTotalMemory(forceFullCollection: true) - before;
        var collections = new List<TimeSpan>();
        for (var i = 0; i < 5; i++)
        {
            var collecting = Stopwatch.StartNew();
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            collections.Add(collecting.Elapsed);
        }

        Console.WriteLine($"{name,-45} {Ids:N0} ids: {held / 1048576.0,5:F1} MB, learned in {filled.TotalMilliseconds,4:F0} ms, "
            + $"a full blocking GC {collections.Order().ElementAt(2).TotalMilliseconds,5:F1} ms (median of 5)");
        GC.KeepAlive(map);
    }
}
