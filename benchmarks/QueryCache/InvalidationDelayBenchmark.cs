using System.Diagnostics;
using Api.Data.QueryCache;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace QueryCacheBenchmarks;

/// <summary>
/// Two instances of the API's data layer on the same servers: one commits a write through its direct handle, the
/// other watches its own table versions. The delay is from the writer's commit returning to the moment the other
/// instance would no longer serve a result that read the table.
/// </summary>
internal static class InvalidationDelayBenchmark
{
    public static async Task<TimeSpan[]> RunAsync(string database, string cache, int samples)
    {
        await using var writer = await DataLayer.StartAsync(database, cache);
        await using var reader = await DataLayer.StartAsync(database, cache);
        var readerVersions = reader.Services.GetRequiredService<TableVersions>();
        var delays = new TimeSpan[samples];
        for (var i = -10; i < samples; i++)
        {
            var before = readerVersions["organization"];
            await using var scope = writer.Scope();
            var db = DataLayer.Direct(scope);
            var started = Stopwatch.GetTimestamp();
            await db.Organizations.Where(o => o.Slug == "acme-demo").ExecuteUpdateAsync(set => set.SetProperty(o => o.Logo, $"logo-{i}.png"));

            // The writer's ExecuteUpdate returns once its own versions are raised; the commit came just before.
            var committed = Stopwatch.GetTimestamp();
            while (readerVersions["organization"] == before)
            {
                Thread.SpinWait(20);
                if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(5))
                {
                    throw new TimeoutException("The other instance never heard of the write.");
                }
            }

            if (i >= 0)
            {
                delays[i] = Stopwatch.GetElapsedTime(committed);
            }

            await Task.Delay(5);
        }

        return delays;
    }
}
