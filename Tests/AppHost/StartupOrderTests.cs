using AppHost.Orchestration.Testing;

namespace Tests.AppHost;

public sealed class StartupOrderTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WaitForCompletionStartsTheDependentOnlyAfterTheDependencyFinished()
    {
        var folder = Directory.CreateTempSubdirectory("order-").FullName;
        var builder = DistributedApplicationTestingBuilder.Create();
        var first = builder.AddExecutable("first", "sh", folder, "-c", "sleep 0.3; echo first >> order.txt");
        builder.AddExecutable("second", "sh", folder, "-c", "echo second >> order.txt").WaitForCompletion(first);

        await using var app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);
        await app.ResourceNotifications.WaitForResourceAsync("second", KnownResourceStates.Finished, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.Equal(["first", "second"], await File.ReadAllLinesAsync(Path.Combine(folder, "order.txt"), TestContext.Current.CancellationToken));
        Assert.Equal(0, app.ResourceNotifications.TryGet("first")!.ExitCode);
    }

    [Fact]
    public async Task AFailedDependencyStopsItsDependentsWithOneLineNamingIt()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var failing = builder.AddExecutable("failing", "sh", ".", "-c", "exit 3");
        var middle = builder.AddExecutable("middle", "sh", ".", "-c", "echo should-not-run").WaitForCompletion(failing);
        builder.AddExecutable("last", "sh", ".", "-c", "echo should-not-run").WaitFor(middle);

        await using var app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var last = await app.ResourceNotifications.WaitForResourceAsync("last", s => s.IsTerminal, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        var middleState = app.ResourceNotifications.TryGet("middle")!;

        Assert.Equal(KnownResourceStates.Exited, app.ResourceNotifications.TryGet("failing")!.State);
        Assert.Equal(3, app.ResourceNotifications.TryGet("failing")!.ExitCode);
        Assert.Equal(KnownResourceStates.FailedToStart, middleState.State);
        Assert.Contains("'failing'", middleState.Message);
        Assert.Contains("exit code 3", middleState.Message);
        Assert.Null(middleState.ProcessId);
        Assert.Equal(KnownResourceStates.FailedToStart, last.State);
        Assert.Contains("'middle'", last.Message);
        Assert.Empty(app.ConsoleLogs.GetLines("middle"));
        Assert.Single(app.ConsoleLogs.GetLines("apphost"), l => l.IsError && l.Text.StartsWith("middle: FailedToStart", StringComparison.Ordinal));
    }

    [Fact]
    public async Task WaitForHoldsTheDependentUntilTheCacheIsHealthy()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var cache = builder.AddRedis("cache");
        builder.AddExecutable("client", "sh", ".", "-c", "echo started").WithReference(cache).WaitFor(cache);

        await using var app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var client = await app.ResourceNotifications.WaitForResourceAsync("client", KnownResourceStates.Finished, TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        var cacheState = app.ResourceNotifications.TryGet("cache")!;

        Assert.Equal(HealthStatus.Healthy, cacheState.Health);
        Assert.True(client.StartedAt >= cacheState.StartedAt);
        var healthyLine = app.ConsoleLogs.GetLines("apphost").First(l => l.Text == "cache: Running (healthy)");
        var clientStarted = app.ConsoleLogs.GetLines("apphost").First(l => l.Text == "client: Running (healthy)");
        Assert.True(healthyLine.Number < clientStarted.Number, "the client started before the cache was healthy");
        Assert.Equal(cache.Resource.ConnectionString, client.Environment["ConnectionStrings__cache"]);
    }

    [Fact]
    public async Task ABusyPreferredPortIsNotFatal()
    {
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        squatter.Start();
        var busyPort = ((System.Net.IPEndPoint)squatter.LocalEndpoint).Port;
        var builder = DistributedApplicationTestingBuilder.Create(configure: o => o.RandomizePorts = false);
        var cache = builder.AddRedis("cache", port: busyPort);

        await using var app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);
        await app.ResourceNotifications.WaitForResourceHealthyAsync("cache", TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);

        Assert.NotEqual(busyPort, cache.Resource.Endpoint.Port);
        Assert.Contains(app.ConsoleLogs.GetLines("apphost"), l => l.Text.Contains($"port {busyPort} is in use", StringComparison.Ordinal));
    }
}
