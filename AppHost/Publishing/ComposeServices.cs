using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;

namespace AppHost.Publishing;

/// <summary>
/// The services of docker-compose.yaml, one per container and project of the model (resources excluded from
/// publishing, such as explicit-start tools, stay out): images or Dockerfile builds, the environment and arguments
/// Aspire gives each in publish mode, external ports, volumes, health checks (<see cref="ComposeHealthChecks"/>), start
/// order (<see cref="ComposeStartOrder"/>) and replicas.
/// </summary>
internal sealed class ComposeServices
{
    public const string DockerfileName = "Dockerfile";

    private readonly IReadOnlyList<IResource> model;
    private readonly HashSet<IResource> services;
    private readonly DistributedApplicationExecutionContext executionContext;
    private readonly string folder;
    private readonly string buildContext;

    private ComposeServices(IReadOnlyList<IResource> model, DistributedApplicationExecutionContext executionContext, string folder, string appHostDirectory)
    {
        this.model = model;
        this.executionContext = executionContext;
        this.folder = folder;
        buildContext = SolutionFolder(appHostDirectory);
        services = model.Where(r => !r.IsExcludedFromPublish() && r is ProjectResource or ContainerResource).ToHashSet();
        Values = new ComposeValues(new ComposeEndpoints(services));
    }

    public ComposeValues Values { get; }

    public YamlMap Services { get; } = new();

    public YamlMap Volumes { get; } = new();

    /// <summary>Every service of the model, in its order; <see cref="Values"/> then knows the variables they use.</summary>
    public static async Task<ComposeServices> CreateAsync(
        IReadOnlyList<IResource> model, DistributedApplicationExecutionContext executionContext, string folder, string appHostDirectory, CancellationToken cancellationToken)
    {
        if (model.FirstOrDefault(r => r is ExecutableResource && !r.IsExcludedFromPublish()) is { } executable)
        {
            throw new PublishingException($"executable '{executable.Name}' cannot run in Compose: model it as a container or a project, or exclude it from publishing.");
        }

        var compose = new ComposeServices(model, executionContext, folder, appHostDirectory);
        foreach (var resource in model.Where(compose.services.Contains))
        {
            compose.Services.Add(resource.Name, await compose.ServiceAsync(resource, cancellationToken));
        }

        return compose;
    }

    private async Task<YamlMap> ServiceAsync(IResource resource, CancellationToken cancellationToken)
    {
        var service = new YamlMap();
        if (resource is ProjectResource project)
        {
            service.Add("build", Build(project));
        }
        else
        {
            service.Add("image", ComposeValues.Literal(resource.TryGetContainerImageName(out var image)
                ? image
                : throw new PublishingException($"container '{resource.Name}' has no image.")));
            if (resource is ContainerResource { Entrypoint: { } entrypoint })
            {
                service.Add("entrypoint", new[] { ComposeValues.Literal(entrypoint) });
            }
        }

        var configuration = await ExecutionConfigurationBuilder.Create(resource).WithArgumentsConfig().WithEnvironmentVariablesConfig()
            .BuildAsync(executionContext, NullLogger.Instance, cancellationToken);
        if (configuration.Exception is { } exception)
        {
            throw new PublishingException($"'{resource.Name}': {exception.Message}");
        }

        if (configuration.ArgumentsWithUnprocessed.Any())
        {
            service.Add("command", await ResolveAllAsync(configuration.ArgumentsWithUnprocessed.Select(a => a.Unprocessed), cancellationToken));
        }

        var environment = new YamlMap();
        // Compose starts the worker's dependents on its exit (below): it must not stay up as where it is deployed.
        foreach (var (name, (value, _)) in configuration.EnvironmentVariablesWithUnprocessed.Where(v => v.Key != RunOnceWorkers.KeepAliveVariable))
        {
            environment.Add(name, await Values.ResolveAsync(value, cancellationToken));
        }

        AddIfAny(service, "environment", environment);
        AddIfAny(service, "ports", Ports(resource));
        AddIfAny(service, "volumes", Mounts(resource));
        AddIfAny(service, "depends_on", ComposeStartOrder.DependsOn(resource, services));
        if (ComposeHealthChecks.For(resource) is { } healthCheck)
        {
            service.Add("healthcheck", healthCheck);
        }

        if (Replicas(resource) > 1)
        {
            service.Add("deploy", new YamlMap().Add("replicas", Replicas(resource)));
        }

        return service.Add("restart", ComposeStartOrder.Restart(resource, model));
    }

    private YamlMap Build(ProjectResource project)
    {
        var dockerfile = Path.Combine(Path.GetDirectoryName(project.GetProjectMetadata().ProjectPath)!, DockerfileName);
        if (!File.Exists(dockerfile))
        {
            throw new PublishingException(
                $"project '{project.Name}' has no {DockerfileName} at {dockerfile}: add one that builds from {buildContext} (as Api/{DockerfileName} does).");
        }

        return new YamlMap()
            .Add("context", ComposeValues.Literal(Path.GetRelativePath(folder, buildContext)))
            .Add("dockerfile", ComposeValues.Literal(Path.GetRelativePath(buildContext, dockerfile)));
    }

    /// <summary>External endpoints on the host: the model's port, else the container's; a range with replicas.</summary>
    private static string[] Ports(IResource resource) =>
    [
        .. resource.Annotations.OfType<EndpointAnnotation>().Where(e => e.IsExternal)
            .Select(e => (Endpoint: e, Container: ComposeEndpoints.ContainerPort(resource, e)))
            .Where(e => e.Container is not null)
            .Select(e => (First: e.Endpoint.Port ?? e.Container!.Value, e.Container!.Value))
            .Select(e => Replicas(resource) > 1
                ? string.Create(CultureInfo.InvariantCulture, $"{e.First}-{e.First + Replicas(resource) - 1}:{e.Value}")
                : string.Create(CultureInfo.InvariantCulture, $"{e.First}:{e.Value}")),
    ];

    private string[] Mounts(IResource resource)
    {
        var mounts = new List<string>();
        foreach (var mount in resource.Annotations.OfType<ContainerMountAnnotation>())
        {
            var readOnly = mount.IsReadOnly ? ":ro" : "";
            if (mount.Source is null)
            {
                mounts.Add(ComposeValues.Literal(mount.Target));
                continue;
            }

            if (mount.Type == ContainerMountType.Volume && !Volumes.Contains(mount.Source))
            {
                Volumes.Add(mount.Source, new YamlMap());
            }

            mounts.Add(ComposeValues.Literal($"{mount.Source}:{mount.Target}{readOnly}"));
        }

        return [.. mounts];
    }

    private static int Replicas(IResource resource) => resource.Annotations.OfType<ReplicaAnnotation>().LastOrDefault()?.Replicas ?? 1;

    private async Task<string[]> ResolveAllAsync(IEnumerable<object> values, CancellationToken cancellationToken)
    {
        var resolved = new List<string>();
        foreach (var value in values)
        {
            resolved.Add(await Values.ResolveAsync(value, cancellationToken));
        }

        return [.. resolved];
    }

    private static void AddIfAny(YamlMap service, string key, object value)
    {
        if (value is YamlMap { IsEmpty: false } or string[] { Length: > 0 })
        {
            service.Add(key, value);
        }
    }

    /// <summary>Dockerfiles build from the folder of the solution above the AppHost (the repository).</summary>
    private static string SolutionFolder(string appHostDirectory)
    {
        for (var folder = new DirectoryInfo(appHostDirectory).Parent; folder is not null; folder = folder.Parent)
        {
            if (folder.EnumerateFiles("*.sln").Any() || folder.EnumerateFiles("*.slnx").Any())
            {
                return folder.FullName;
            }
        }

        return Directory.GetParent(appHostDirectory)?.FullName ?? appHostDirectory;
    }
}
