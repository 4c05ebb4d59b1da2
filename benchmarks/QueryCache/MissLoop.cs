using Api.Data.QueryCache;
using System.Diagnostics;

namespace QueryCacheBenchmarks;

/// <summary>
/// Cache misses (a parameter value never seen before) and the same query on the direct handle, half a second of each
/// in turn for a given time, printing both means each second and the median of the per-second ratios at the end: the
/// two share every second's load, which on a shared machine matters more than the number of samples. Then what each
/// kind of query cost the process and the machine in CPU, allocations and GC pauses. Also a steady target for a
/// profiler (perf, dotnet-trace collect -p PID).
/// </summary>
internal static class MissLoop
{
    private static readonly TimeSpan Half = TimeSpan.FromMilliseconds(500);

    // Tiered compilation goes on for 10 to 15 s on this machine; after it, a second compiles 0 to 50 ms, mostly in bursts.
    private static readonly TimeSpan SettledJit = TimeSpan.FromMilliseconds(25);
    private const int MaxWarmUpSeconds = 30;

    /// <param name="sameQuery">Both halves run the direct query: the loop's own bias, which should read about 0 %.</param>
    /// <param name="bypass">The "miss" half runs on the cached handle with the request's cache bypassed: what the handle
    /// costs before the cache does anything, the floor under a miss.</param>
    /// <param name="sampleAllocations">Prints which types the process allocated most, from the runtime's allocation samples.</param>
    public static async Task RunAsync(string database, string cache, TimeSpan duration, bool sameQuery, bool bypass, bool sampleAllocations)
    {
        await using var layer = await DataLayer.StartAsync(database, cache);
        Console.WriteLine($"Miss loop in process {Environment.ProcessId} for {duration.TotalSeconds:F0} s after the warm-up"
            + $"{(sameQuery ? ", the direct query in both halves" : bypass ? ", the cached handle bypassed in place of misses" : "")}.");
        var unique = 2_000_000_000L + (Environment.TickCount64 * 1000);
        Func<Task> direct = async () =>
        {
            await using var scope = layer.Scope();
            _ = await DbContextBenchmarks.VaryingOnDirect(DataLayer.Direct(scope), "acme-demo", ++unique);
        };
        Func<Task> miss = sameQuery ? direct : async () =>
        {
            if (bypass)
            {
                // An async lambda's AsyncLocal change ends with it: the direct half does not see it.
                RequestCacheScope.Begin(noCache: true);
            }

            await using var scope = layer.Scope();
            _ = await DbContextBenchmarks.VaryingOnCached(DataLayer.Cached(scope), "acme-demo", ++unique);
        };

        var (misses, directs, warmUp) = (new QueryTally(), new QueryTally(), new QueryTally());
        using var allocations = sampleAllocations ? new AllocationSampler() : null;
        var jit = new JitActivity();

        // Seconds of warm-up, counted for neither kind, until the JIT has settled.
        for (var second = 1; ; second++)
        {
            var (missTime, directTime) = await RunSecondAsync(miss, direct, warmUp, warmUp, missFirst: second % 2 == 0);
            var (methods, time) = jit.SinceLastReading();
            Console.WriteLine($"warm-up: miss {missTime,7:F1} µs/query, direct {directTime,7:F1} µs/query; the JIT compiled {methods} methods in {time.TotalMilliseconds:F0} ms");
            if ((time < SettledJit && second >= 3) || second >= MaxWarmUpSeconds)
            {
                break;
            }
        }

        allocations?.Start();
        QueryTally.Reading.FindOtherProcesses();
        var ratios = new List<double>();
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end)
        {
            var (missTime, directTime) = await RunSecondAsync(miss, direct, misses, directs, missFirst: ratios.Count % 2 == 0);
            ratios.Add(missTime / directTime);
            Console.WriteLine($"miss {missTime,7:F1} µs/query, direct {directTime,7:F1} µs/query: {(missTime / directTime) - 1,6:P0}   (JIT {jit.SinceLastReading().Time.TotalMilliseconds:F0} ms)");
        }

        if (ratios.Count == 0)
        {
            Console.WriteLine("No second was measured after the warm-up: give --miss-loop a duration of 1 s or more.");
            return;
        }

        allocations?.Print(top: 30);
        var estimate = MedianEstimate.Of(ratios);
        ratios.Sort();
        Console.WriteLine($"median of {ratios.Count} seconds: miss costs {estimate.Median - 1:P0} over direct "
            + $"(95 % confidence interval of the median: {estimate.Low - 1:P0} to {estimate.High - 1:P0}; middle half of the seconds: {ratios[ratios.Count / 4] - 1:P0} to {ratios[ratios.Count * 3 / 4] - 1:P0})");
        Console.WriteLine($"CPU per query, this process / machine: miss {misses.ProcessCpu:F1} / {misses.MachineCpu:F1} µs, direct {directs.ProcessCpu:F1} / {directs.MachineCpu:F1} µs: "
            + $"{(misses.ProcessCpu / directs.ProcessCpu) - 1:P0} / {(misses.MachineCpu / directs.MachineCpu) - 1:P0}");
        Console.WriteLine($"CPU per query elsewhere, PostgreSQL / cache server / API replicas: miss {misses.PostgresCpu:F1} / {misses.CacheServerCpu:F1} / {misses.ReplicasCpu:F1} µs, "
            + $"direct {directs.PostgresCpu:F1} / {directs.CacheServerCpu:F1} / {directs.ReplicasCpu:F1} µs");
        Console.WriteLine($"allocated per query: miss {misses.AllocatedBytes:F0} B, direct {directs.AllocatedBytes:F0} B; "
            + $"GC pauses per query: miss {misses.GcPause:F1} µs, direct {directs.GcPause:F1} µs; heap at the end {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576} MB");
        Console.WriteLine($"thread-pool work items per query: miss {misses.WorkItems:F2}, direct {directs.WorkItems:F2}; "
            + $"context switches of this process per query: miss {misses.ContextSwitches:F2}, direct {directs.ContextSwitches:F2}");
    }

    /// <summary>
    /// Half a second of each kind, their order swapped every second: whichever half comes first in a second was measured
    /// to run slower (by about 10 % with the direct query in both). The misses' L2 stores, written up to 50 ms later,
    /// land in their own half. Returns both means in µs.
    /// </summary>
    private static async Task<(double Miss, double Direct)> RunSecondAsync(Func<Task> miss, Func<Task> direct, QueryTally missTally, QueryTally directTally, bool missFirst)
    {
        if (missFirst)
        {
            var missTime = await RunForAsync(missTally, miss);
            return (missTime, await RunForAsync(directTally, direct));
        }

        var directTime = await RunForAsync(directTally, direct);
        return (await RunForAsync(missTally, miss), directTime);
    }

    /// <summary>Runs the query for half a second; returns its mean wall time in µs.</summary>
    private static async Task<double> RunForAsync(QueryTally tally, Func<Task> query)
    {
        var before = QueryTally.Reading.Now();
        var started = Stopwatch.GetTimestamp();
        var count = 0;
        while (Stopwatch.GetElapsedTime(started) < Half)
        {
            await query();
            count++;
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        tally.Add(QueryTally.Reading.Now() - before, count);
        return elapsed.TotalMicroseconds / count;
    }
}
