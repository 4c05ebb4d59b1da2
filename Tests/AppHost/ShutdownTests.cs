using System.Diagnostics;
using Tests.Infrastructure;

namespace Tests.AppHost;

/// <summary>The AppHost run as a process, the way a user runs it, stopped the ways a user stops it.</summary>
public sealed class ShutdownTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);
    private readonly string state = Directory.CreateTempSubdirectory("apphost-shutdown-").FullName;

    [Fact]
    public async Task SigtermStopsEveryProcessAndTheAppHostExitsCleanly()
    {
        await using var host = AppHostProcess.Start(state);
        await host.WaitUntilReadyAsync(StartTimeout);
        var children = await host.ResourceProcessIdsAsync();
        var trees = ProcessTable.TreesOf(children);

        host.Signal(15);
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        Assert.Equal(3, children.Count); // postgres, cache and api; the migrations have finished
        Assert.True(trees.Count > children.Count, "PostgreSQL's helper processes were not found");
        Assert.True(await ProcessTable.WaitUntilGoneAsync(trees, TimeSpan.FromSeconds(1)), host.Output);
        Assert.Contains("[apphost] stopping...", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AfterTheAppHostWasKilledTheNextStartEndsWhatItLeftBehind()
    {
        IReadOnlyList<int> orphans;
        await using (var killed = AppHostProcess.Start(state))
        {
            await killed.WaitUntilReadyAsync(StartTimeout);
            orphans = await killed.ResourceProcessIdsAsync();
            killed.Signal(9);
            await killed.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.All(orphans, pid => Assert.True(ProcessTable.IsAlive(pid), "a child died with the AppHost; nothing to clean up"));

        await using var next = AppHostProcess.Start(state);
        await next.WaitUntilReadyAsync(StartTimeout);

        Assert.All(orphans, pid => Assert.False(ProcessTable.IsAlive(pid), $"process {pid} of the killed run is still running"));
        Assert.Contains("ended processes left by an earlier run", next.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASecondAppHostOnTheSameStateFolderRefusesAndLeavesTheFirstRunning()
    {
        await using var first = AppHostProcess.Start(state);
        await first.WaitUntilReadyAsync(StartTimeout);
        var children = await first.ResourceProcessIdsAsync();

        await using var second = AppHostProcess.Start(state);
        var exitCode = await second.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(1, exitCode);
        Assert.Contains("another AppHost is already running with the state folder", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", second.Output, StringComparison.Ordinal);
        Assert.All(children, pid => Assert.True(ProcessTable.IsAlive(pid), $"the second AppHost ended process {pid} of the first"));
    }

    public void Dispose()
    {
        foreach (var pid in ProcessTable.WithCommandLineContaining(state))
        {
            Process.Start("kill", ["-9", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]).WaitForExit();
        }

        Directory.Delete(state, recursive: true);
    }
}
