using System.Diagnostics;
using Api.Apis;
using Microsoft.Extensions.DependencyInjection;

namespace QueryCacheBenchmarks;

/// <summary>
/// The L1-hit query in a loop for a given time, printing the mean per query every second: a steady target for a
/// profiler (dotnet-trace collect -p PID) or a quick check without BenchmarkDotNet's ceremony.
/// </summary>
internal static class L1HitLoop
{
    public static async Task RunAsync(string database, string cache, TimeSpan duration)
    {
        await using var layer = await DataLayer.StartAsync(database, cache);
        Console.WriteLine($"L1-hit loop in process {Environment.ProcessId} for {duration.TotalSeconds:F0} s.");
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < end)
        {
            var started = Stopwatch.GetTimestamp();
            var allocated = GC.GetTotalAllocatedBytes();
            var count = 0;
            while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(1))
            {
                for (var i = 0; i < 100; i++)
                {
                    await using var scope = layer.Scope();
                    _ = await OrganizationProfileQuery.FindAsync(DataLayer.Cached(scope), "acme-demo", default);
                }

                count += 100;
            }

            Console.WriteLine($"{Stopwatch.GetElapsedTime(started).TotalMicroseconds / count:F1} µs/query, {(GC.GetTotalAllocatedBytes() - allocated) / count} B/query");
        }
    }
}
