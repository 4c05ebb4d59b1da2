namespace Tests.AppHost;

/// <summary>The AppHost run as a process, the way a user runs it, stopped the ways a user stops it.</summary>
public sealed class ShutdownTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task CtrlCEndsEveryProcessOfTheAppAndTheAppHostExitsCleanly()
    {
        await using var host = AppHostProcess.Start();
        await host.WaitUntilStartedAsync(StartTimeout);
        var processes = await RunningAppAsync(host);

        host.Signal(2);
        var exitCode = await host.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exitCode);
        Assert.True(await ProcessTable.WaitUntilGoneAsync(processes, TimeSpan.FromSeconds(60)), $"left running: {string.Join(", ", processes.Where(ProcessTable.IsAlive).Select(ProcessTable.CommandLineOf))}");
    }

    [Fact]
    public async Task AfterTheAppHostIsKilledTheOrchestratorEndsTheAppAndTheNextStartWorks()
    {
        IReadOnlyList<int> processes;
        await using (var killed = AppHostProcess.Start())
        {
            await killed.WaitUntilStartedAsync(StartTimeout);
            processes = await RunningAppAsync(killed);
            killed.Signal(9);
            await killed.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        Assert.True(await ProcessTable.WaitUntilGoneAsync(processes, TimeSpan.FromSeconds(60)), $"left running: {string.Join(", ", processes.Where(ProcessTable.IsAlive).Select(ProcessTable.CommandLineOf))}");

        await using var next = AppHostProcess.Start();
        await next.WaitUntilStartedAsync(StartTimeout);
        Assert.Contains(ProcessTable.CommandLinesOf(await RunningAppAsync(next)), line => line.Contains("/bin/Debug/net10.0/Api", StringComparison.Ordinal) || line.Contains("/bin/Release/net10.0/Api", StringComparison.Ordinal));
    }

    /// <summary>Waits until the API is among the app's processes (the migrations have finished), then lists them all.</summary>
    private static async Task<IReadOnlyList<int>> RunningAppAsync(AppHostProcess host)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            var processes = host.AppProcesses();
            var lines = ProcessTable.CommandLinesOf(processes);
            if (lines.Any(l => l.Contains("postgres -D", StringComparison.Ordinal) || l.Contains("/postgres -D", StringComparison.Ordinal))
                && lines.Any(l => l.Contains("net10.0/Api", StringComparison.Ordinal) && !l.Contains("dotnet run", StringComparison.Ordinal)))
            {
                return processes;
            }

            Assert.True(DateTime.UtcNow < deadline, $"the app did not come up:\n{host.Output}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }
}
