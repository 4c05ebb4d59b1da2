using System.Diagnostics;
using AppHost.Orchestration.Testing;

namespace Startup;

/// <summary>The test harness: the whole app started in one call (throw-away data, random ports), then disposed.</summary>
internal static class HarnessRun
{
    public sealed record Result(TimeSpan Start, TimeSpan Dispose);

    public static async Task<Result> MeasureAsync()
    {
        var clock = Stopwatch.StartNew();
        var app = await DistributedApplicationTestingBuilder.StartAsync<Projects.AppHost>();
        var started = clock.Elapsed;
        clock.Restart();
        await app.DisposeAsync();
        return new Result(started, clock.Elapsed);
    }
}
