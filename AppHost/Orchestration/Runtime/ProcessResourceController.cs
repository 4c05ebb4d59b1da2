namespace AppHost.Orchestration;

/// <summary>
/// A resource backed by one process per replica (PostgreSQL, the cache, projects, executables): starts them,
/// watches their health and exit, and stops them gracefully.
/// </summary>
internal sealed class ProcessResourceController(Resource resource, IProcessLauncher launcher, int replicas, EngineContext context)
    : ResourceController(resource, context)
{
    private static readonly TimeSpan ProbeIntervalUntilHealthy = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan ProbeIntervalWhenHealthy = TimeSpan.FromSeconds(5);

    private readonly Replica[] running = new Replica[replicas];

    public override IReadOnlyList<string> InstanceNames { get; } =
        replicas == 1 ? [resource.Name] : [.. Enumerable.Range(0, replicas).Select(i => $"{resource.Name}-{i}")];

    public override async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Resource.Waits.Count > 0)
        {
            PublishAll(s => s with { State = KnownResourceStates.Waiting });
            if (await new DependencyWaiter(Context.Notifications).WaitAsync(Resource, cancellationToken) is { } failure)
            {
                Fail(failure);
                return;
            }
        }

        PublishAll(s => s with { State = KnownResourceStates.Starting });
        try
        {
            await launcher.PrepareAsync(cancellationToken);
            for (var i = 0; i < replicas; i++)
            {
                Start(i);
            }
        }
        catch (DistributedApplicationException e)
        {
            Fail(e.Message);
        }
    }

    public override async Task StopAsync()
    {
        Stopping = true;
        var stops = running.Where(r => r is not null).Select(async replica =>
        {
            if (!replica.Process.Exited.IsCompleted)
            {
                Publish(replica.Name, s => s with { State = KnownResourceStates.Stopping });
            }

            await replica.Process.StopAsync(Context.Options.StopGracePeriod);
            await replica.ExitHandled;
        });
        await Task.WhenAll(stops);
    }

    public override void Kill()
    {
        Stopping = true;
        foreach (var replica in running.Where(r => r is not null))
        {
            replica.Process.Kill();
        }
    }

    public override bool CanStopAndStart => true;

    public override async Task StopInstanceAsync(string instance)
    {
        var index = IndexOf(instance);
        if (running[index] is not { } replica || replica.Process.Exited.IsCompleted)
        {
            throw new DistributedApplicationException($"'{instance}' is not running.");
        }

        SetStopRequested(instance, true);
        Publish(instance, s => s with { State = KnownResourceStates.Stopping });
        await replica.Process.StopAsync(Context.Options.StopGracePeriod);
        await replica.ExitHandled;
    }

    public override void StartInstance(string instance)
    {
        var index = IndexOf(instance);
        if (running[index] is not { } replica || !replica.ExitHandled.IsCompleted)
        {
            throw new DistributedApplicationException($"'{instance}' cannot be started: it is running or has not started yet.");
        }

        SetStopRequested(instance, false);
        Start(index);
        Publish(instance, s => s with { Restarts = s.Restarts + 1 });
    }

    private int IndexOf(string instance)
    {
        for (var i = 0; i < InstanceNames.Count; i++)
        {
            if (string.Equals(InstanceNames[i], instance, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new DistributedApplicationException($"'{Resource.Name}' has no instance named '{instance}'.");
    }

    private void Start(int index)
    {
        var name = InstanceNames[index];
        var spec = launcher.CreateSpec(index);
        var process = ManagedProcess.Start(spec, (line, isError) => OnLine(name, line, isError));
        Context.RunRecord.Add(name, process.ProcessId, spec.StopSignal);
        var monitor = new CancellationTokenSource();
        Publish(name, s => s with
        {
            State = KnownResourceStates.Running,
            Health = launcher.HealthProbe is null ? HealthStatus.Healthy : null,
            ProcessId = process.ProcessId,
            StartedAt = DateTimeOffset.UtcNow,
            StoppedAt = null,
            ExitCode = null,
            Message = null,
            Urls = launcher.UrlsOf(index),
            Environment = spec.Environment,
        });
        var replica = new Replica(name, process, monitor);
        replica.ExitHandled = HandleExitAsync(replica);
        running[index] = replica;
        if (launcher.HealthProbe is { } probe)
        {
            _ = MonitorHealthAsync(index, probe, monitor.Token);
        }
    }

    private async Task HandleExitAsync(Replica replica)
    {
        var exitCode = await replica.Process.Exited;
        await replica.Monitor.CancelAsync();
        Context.RunRecord.Remove(replica.Process.ProcessId);
        var state = exitCode == 0 && !IsStopRequested(replica.Name) ? KnownResourceStates.Finished : KnownResourceStates.Exited;
        Publish(replica.Name, s => s with
        {
            // A process stopped because it can never become healthy stays FailedToStart, with its reason.
            State = s.State == KnownResourceStates.FailedToStart ? s.State : state,
            ExitCode = exitCode,
            Health = null,
            StoppedAt = DateTimeOffset.UtcNow,
            Message = s.State == KnownResourceStates.FailedToStart ? s.Message : null,
        });
        await replica.Process.DisposeAsync();
    }

    private async Task MonitorHealthAsync(int index, IHealthProbe probe, CancellationToken cancellationToken)
    {
        var name = InstanceNames[index];
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                string? problem;
                try
                {
                    problem = await probe.CheckAsync(index, cancellationToken);
                }
                catch (DistributedApplicationException e)
                {
                    // A problem that will not heal (e.g. a data folder made with another password): stop and say why.
                    Publish(name, s => s with { State = KnownResourceStates.FailedToStart, Message = e.Message, Health = null });
                    await running[index].Process.StopAsync(TimeSpan.FromSeconds(2));
                    return;
                }

                var health = problem is null ? HealthStatus.Healthy : HealthStatus.Unhealthy;
                if (Context.Notifications.TryGet(name) is { State: KnownResourceStates.Running } current && current.Health != health)
                {
                    Publish(name, s => s with { Health = health, Message = problem });
                }

                await Task.Delay(problem is null ? ProbeIntervalWhenHealthy : ProbeIntervalUntilHealthy, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void PublishAll(Func<ResourceSnapshot, ResourceSnapshot> update)
    {
        foreach (var instance in InstanceNames)
        {
            Publish(instance, update);
        }
    }

    private void OnLine(string instance, string line, bool isError)
    {
        Context.Logs.Add(instance, line, isError);
        if (Context.Options.EchoResourceOutput)
        {
            var prefix = $"{ConsoleColors.For(instance)}[{instance}]{ConsoleColors.Reset} ";
            (isError ? Console.Error : Console.Out).WriteLine(prefix + line);
        }
    }

    private sealed class Replica(string name, ManagedProcess process, CancellationTokenSource monitor)
    {
        public string Name { get; } = name;

        public ManagedProcess Process { get; } = process;

        public CancellationTokenSource Monitor { get; } = monitor;

        public Task ExitHandled { get; set; } = Task.CompletedTask;
    }
}
