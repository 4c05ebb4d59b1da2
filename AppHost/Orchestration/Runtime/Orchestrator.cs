namespace AppHost.Orchestration;

/// <summary>
/// Runs the model: gives endpoints their ports, starts every resource once its dependencies are met (an
/// explicit-start one when the user asks), and stops them in reverse dependency order (dependents first, independent ones in parallel).
/// </summary>
internal sealed class Orchestrator
{
    private readonly IReadOnlyList<IResource> resources;
    private readonly EngineContext context;
    private readonly Dictionary<IResource, ResourceController> controllers = [];
    private readonly List<Task> running = [];
    private readonly HashSet<ResourceController> launched = [];
    private CancellationToken lifetime;

    public Orchestrator(IReadOnlyList<IResource> resources, EngineContext context, string? cacheServerPreference)
    {
        this.resources = resources;
        this.context = context;
        foreach (var resource in resources)
        {
            controllers[resource] = resource switch
            {
                PostgresServerResource server => new ProcessResourceController(server, new PostgresLauncher(server, context), 1, context),
                PostgresDatabaseResource database => new PostgresDatabaseController(database, context),
                RedisResource cache => new ProcessResourceController(cache, new CacheLauncher(cache, cacheServerPreference, context), 1, context),
                ProjectResource project => new ProcessResourceController(project, new ProjectLauncher(project, context), project.Replicas, context),
                ExecutableResource executable => new ProcessResourceController(executable, new ExecutableLauncher(executable), 1, context),
                ConnectionStringResource connection => new ConnectionStringController(connection, context),
                _ => throw new NotSupportedException($"The engine cannot run {resource.GetType().Name} '{resource.Name}'."),
            };
        }
    }

    public void AllocatePorts(PortAllocator ports)
    {
        foreach (var resource in resources)
        {
            switch (resource)
            {
                case PostgresServerResource server:
                    server.Endpoint.Port = ports.Allocate(server.Name, server.Endpoint.PreferredPort);
                    break;
                case RedisResource cache:
                    cache.Endpoint.Port = ports.Allocate(cache.Name, cache.Endpoint.PreferredPort);
                    break;
                case ProjectResource project:
                    project.HttpEndpoints.Clear();
                    for (var i = 0; i < project.Replicas; i++)
                    {
                        // The first replica keeps the launch profile's port, so the API's URL is the same every run.
                        var endpoint = new Endpoint("http", "http", i == 0 ? project.LaunchProfile?.HttpPort : null) { IsExternal = project.ExternalHttpEndpoints };
                        endpoint.Port = ports.Allocate(controllers[project].InstanceNames[i], endpoint.PreferredPort);
                        project.HttpEndpoints.Add(endpoint);
                    }

                    break;
            }
        }
    }

    public void RegisterSnapshots()
    {
        foreach (var (resource, controller) in controllers)
        {
            var type = ((Resource)resource).ResourceType;
            var connectionString = (resource as IResourceWithConnectionString)?.ConnectionString;
            if (controller.InstanceNames.Count > 1)
            {
                context.Notifications.Register(new ResourceSnapshot { Name = resource.Name, ResourceType = type, ExplicitStart = ((Resource)resource).ExplicitStart });
            }

            foreach (var instance in controller.InstanceNames)
            {
                context.Notifications.Register(new ResourceSnapshot
                {
                    Name = instance,
                    ResourceType = type,
                    ReplicaOf = controller.InstanceNames.Count > 1 ? resource.Name : null,
                    ExplicitStart = ((Resource)resource).ExplicitStart,
                    ConnectionString = connectionString,
                });
            }
        }
    }

    /// <summary>
    /// Starts every resource's lifecycle but the explicit-start ones'; returns at once, each resource waits for its own
    /// dependencies.
    /// </summary>
    public void Start(CancellationToken cancellationToken)
    {
        lifetime = cancellationToken;
        foreach (var controller in controllers.Values.Where(c => !c.Resource.ExplicitStart))
        {
            Launch(controller);
        }
    }

    /// <summary>Runs a controller's lifecycle once; false when it was launched already.</summary>
    private bool Launch(ResourceController controller)
    {
        lock (launched)
        {
            if (!launched.Add(controller))
            {
                return false;
            }

            running.Add(Task.Run(() => RunGuardedAsync(controller, lifetime), lifetime));
            return true;
        }
    }

    public async Task StopAsync()
    {
        var stops = new Dictionary<IResource, Task>();
        foreach (var resource in resources)
        {
            _ = StopAfterDependents(resource, stops);
        }

        await Task.WhenAll(stops.Values);
        Task[] lifecycles;
        lock (launched)
        {
            lifecycles = [.. running];
        }

        await Task.WhenAll(lifecycles).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    /// <summary>Ends every process tree at once, without grace: the user asked to stop now.</summary>
    public void Kill()
    {
        foreach (var controller in controllers.Values)
        {
            controller.Kill();
        }
    }

    /// <summary>
    /// Runs a dashboard command (stop, start, restart) on a resource or one of its replicas; throws
    /// <see cref="DistributedApplicationException"/> with a one-line reason when it cannot be done.
    /// </summary>
    public async Task ExecuteCommandAsync(string name, ResourceCommand command)
    {
        var (controller, instances) = controllers.Values
            .Select(c => (Controller: c, Instances: string.Equals(c.Resource.Name, name, StringComparison.OrdinalIgnoreCase)
                ? c.InstanceNames
                : c.InstanceNames.Where(i => string.Equals(i, name, StringComparison.OrdinalIgnoreCase)).ToList()))
            .FirstOrDefault(c => c.Instances.Count > 0);
        if (controller is null)
        {
            throw new DistributedApplicationException($"There is no resource named '{name}'.");
        }

        if (!controller.CanStopAndStart)
        {
            throw new DistributedApplicationException($"'{name}' cannot be stopped or started: only resources with a process can.");
        }

        // An explicit-start resource's first Start (or Restart) runs its whole lifecycle: its waits, then its processes.
        if (controller.Resource.ExplicitStart && command is not ResourceCommand.Stop && Launch(controller))
        {
            return;
        }

        // On the resource of several replicas, each command acts on the replicas it applies to: Stop on those
        // running, Start on those ended, Restart on all. A replica named alone must be in the right state.
        var wholeResource = instances.Count > 1;
        var ended = instances.Where(i => context.Notifications.TryGet(i)?.IsTerminal ?? false).ToList();
        var notEnded = instances.Except(ended, StringComparer.OrdinalIgnoreCase).ToList();
        var toStop = command is ResourceCommand.Start ? [] : wholeResource || command is ResourceCommand.Restart ? notEnded : instances;
        var toStart = command is ResourceCommand.Stop ? [] : wholeResource && command is ResourceCommand.Start ? ended : instances;
        if (wholeResource && toStop.Count == 0 && toStart.Count == 0)
        {
            throw new DistributedApplicationException(command is ResourceCommand.Stop
                ? $"'{name}' is not running: none of its replicas is."
                : $"'{name}' is already running: every replica is.");
        }

        await Task.WhenAll(toStop.Select(controller.StopInstanceAsync));
        foreach (var instance in toStart)
        {
            controller.StartInstance(instance);
        }
    }

    private Task StopAfterDependents(IResource resource, Dictionary<IResource, Task> stops)
    {
        if (stops.TryGetValue(resource, out var existing))
        {
            return existing;
        }

        var dependents = DependentsOf(resource).Select(d => StopAfterDependents(d, stops)).ToArray();
        var stop = StopAsync(resource, dependents);
        stops[resource] = stop;
        return stop;
    }

    private async Task StopAsync(IResource resource, Task[] dependents)
    {
        await Task.WhenAll(dependents);
        try
        {
            await controllers[resource].StopAsync();
        }
        catch (Exception e)
        {
            // One resource failing to stop must not keep the others running.
            context.Log.Error($"{resource.Name}: stop failed: {e.Message}");
        }
    }

    private IEnumerable<IResource> DependentsOf(IResource resource) =>
        resources.OfType<Resource>().Where(other =>
            other.References.Contains(resource)
            || other.Waits.Any(w => w.Dependency == resource)
            || other is PostgresDatabaseResource database && database.Server == resource);

    private async Task RunGuardedAsync(ResourceController controller, CancellationToken cancellationToken)
    {
        try
        {
            await controller.RunAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            context.Log.Error($"{controller.Resource.Name}: {e.Message}");
            foreach (var instance in controller.InstanceNames)
            {
                context.Notifications.Publish(instance, s => s with { State = KnownResourceStates.FailedToStart, Message = e.Message });
            }
        }
    }
}
