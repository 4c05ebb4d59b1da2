using AppHost.Orchestration.Testing;

namespace Tests.AppHost;

/// <summary><c>WithExplicitStart</c>: a resource left out of the app's start until the user starts it.</summary>
public sealed class ExplicitStartTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task AnExplicitStartResourceStaysNotStartedAndTheAppIsReadyWithoutIt()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddExecutable("service", "sleep", ".", "30");
        builder.AddExecutable("tool", "sh", ".", "-c", "echo started; sleep 30").WithExplicitStart();

        await using var app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);
        await app.WaitForSettledAsync(TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        var tool = app.ResourceNotifications.TryGet("tool")!;
        Assert.Equal(KnownResourceStates.NotStarted, tool.State);
        Assert.Null(tool.ProcessId);
        Assert.Equal(KnownResourceStates.Running, app.ResourceNotifications.TryGet("service")!.State);
        Assert.Empty(app.ConsoleLogs.GetLines("tool"));
    }

    [Fact]
    public async Task StartRunsItAfterItsWaitsAndStopAndStartWorkAsForAnyResource()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var job = builder.AddExecutable("job", "sleep", ".", "0.5");
        builder.AddExecutable("tool", "sleep", ".", "30").WaitForCompletion(job).WithExplicitStart();

        await using var app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<DistributedApplicationException>(() => app.ExecuteCommandAsync("tool", ResourceCommand.Stop));
        await app.ExecuteCommandAsync("tool", ResourceCommand.Start);
        var running = await app.ResourceNotifications.WaitForResourceAsync("tool", KnownResourceStates.Running, TestContext.Current.CancellationToken)
            .WaitAsync(Timeout, TestContext.Current.CancellationToken);

        // Started before the job finished, it still waited for it.
        Assert.True(running.StartedAt >= app.ResourceNotifications.TryGet("job")!.StoppedAt);

        await app.ExecuteCommandAsync("tool", ResourceCommand.Stop);
        Assert.Equal(KnownResourceStates.Exited, app.ResourceNotifications.TryGet("tool")!.State);
        await app.ExecuteCommandAsync("tool", ResourceCommand.Start);
        var again = await app.ResourceNotifications.WaitForResourceAsync("tool", KnownResourceStates.Running, TestContext.Current.CancellationToken)
            .WaitAsync(Timeout, TestContext.Current.CancellationToken);
        Assert.NotEqual(running.ProcessId, again.ProcessId);
    }
}
