namespace AppHost.Orchestration;

/// <summary>Drives one resource of the model through its states: wait, start, monitor, stop.</summary>
internal abstract class ResourceController(Resource resource, EngineContext context)
{
    public Resource Resource { get; } = resource;

    protected EngineContext Context { get; } = context;

    /// <summary>The names snapshots are published under: the resource's own, or one per replica.</summary>
    public virtual IReadOnlyList<string> InstanceNames => [Resource.Name];

    /// <summary>Waits for dependencies, then starts; never throws for a resource failure, it publishes it.</summary>
    public abstract Task RunAsync(CancellationToken cancellationToken);

    public abstract Task StopAsync();

    /// <summary>Kills the resource's processes at once (a second Ctrl+C); nothing for resources without processes.</summary>
    public virtual void Kill()
    {
    }

    /// <summary>Whether the dashboard may stop and start this resource (process-backed resources only).</summary>
    public virtual bool CanStopAndStart => false;

    /// <summary>Stops one instance on the user's request; it stays stopped until started again.</summary>
    public virtual Task StopInstanceAsync(string instance) =>
        throw new DistributedApplicationException($"'{instance}' cannot be stopped: only resources with a process can.");

    /// <summary>Starts one stopped instance again, with the same ports and environment.</summary>
    public virtual void StartInstance(string instance) =>
        throw new DistributedApplicationException($"'{instance}' cannot be started: only resources with a process can.");

    protected void Publish(string instance, Func<ResourceSnapshot, ResourceSnapshot> update)
    {
        var before = Context.Notifications.TryGet(instance);
        var after = Context.Notifications.Publish(instance, update);
        // Unhealthy while still starting (no health known yet) is expected and not worth a line.
        var healthChanged = before?.Health != after.Health && after.Health is not null
            && !(before?.Health is null && after.Health == HealthStatus.Unhealthy);
        if (before?.State != after.State || healthChanged)
        {
            ReportTransition(after);
        }

        if (InstanceNames.Count > 1)
        {
            Context.Notifications.Publish(Resource.Name, ReplicaSummary.Of(InstanceNames.Select(n => Context.Notifications.TryGet(n)!).ToList()));
        }
    }

    protected void Fail(string reason)
    {
        foreach (var instance in InstanceNames)
        {
            Publish(instance, s => s with { State = KnownResourceStates.FailedToStart, Message = reason, Health = null });
        }
    }

    private void ReportTransition(ResourceSnapshot snapshot)
    {
        var text = snapshot.State switch
        {
            KnownResourceStates.Running when snapshot.Health == HealthStatus.Healthy => "Running (healthy)",
            KnownResourceStates.Running when snapshot.Health == HealthStatus.Unhealthy => "Running (unhealthy)",
            _ => snapshot.State,
        };
        var detail = ResourceNotificationService.Describe(snapshot);
        var failed = snapshot.State == KnownResourceStates.FailedToStart
            || snapshot.State == KnownResourceStates.Exited && snapshot.ExitCode is not (null or 0) && !IsStopRequested(snapshot.Name);
        var line = $"{snapshot.Name}: {text}{detail}";
        if (failed)
        {
            Context.Log.Error(line);
        }
        else
        {
            Context.Log.Info(line);
        }
    }

    private volatile bool stopping;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> instancesStopRequested = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The whole resource is being stopped (the app shuts down): every exit from now on was asked for.</summary>
    protected bool Stopping
    {
        get => stopping;
        set => stopping = value;
    }

    /// <summary>
    /// Marks one instance's coming exit as asked for (Exited, not a crash) or clears it when it starts again; the
    /// other replicas keep their own: a crash of one while another is being stopped is still a crash.
    /// </summary>
    protected void SetStopRequested(string instance, bool requested)
    {
        if (requested)
        {
            instancesStopRequested[instance] = true;
        }
        else
        {
            instancesStopRequested.TryRemove(instance, out _);
        }
    }

    protected bool IsStopRequested(string instance) => stopping || instancesStopRequested.ContainsKey(instance);
}
