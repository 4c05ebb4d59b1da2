using Microsoft.Extensions.Logging;

namespace AppHost.LocalProcesses;

/// <summary>
/// A Redis-compatible cache as a local process: <c>AddLocalRedis("cache")</c> gives the services what
/// <c>AddRedis("cache")</c> gives them, without a container.
/// </summary>
public static class LocalRedisBuilderExtensions
{
    /// <summary>
    /// Adds a cache run by redis-server when it is on PATH, otherwise by Garnet from the repository's tool manifest
    /// (<c>AppHost:CacheServer</c> = redis | garnet forces one). Its password is the generated, persisted secret
    /// parameter <c>{name}-password</c> (letters and digits only, as with <c>AddRedis</c>: StackExchange.Redis
    /// cannot take every punctuation mark), kept in a configuration file only its owner can read, never on a
    /// command line. Nothing is persisted: the cache starts empty on every run.
    /// </summary>
    public static IResourceBuilder<LocalRedisResource> AddLocalRedis(this IDistributedApplicationBuilder builder, [ResourceName] string name, int? port = null)
    {
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password", special: false);
        var cache = new LocalRedisResource(name, password);
        var folders = LocalStateFolders.For(builder);
        CacheServerProgram? program = null;
        string? problem = null;

        builder.Eventing.Subscribe<BeforeStartEvent>((_, _) =>
        {
            (program, problem) = CacheServerProgram.Choose(builder.Configuration["AppHost:CacheServer"], RepositoryRoot(builder.AppHostDirectory));
            cache.StateFolder = folders.For(name, persistent: false);
            if (program is not null)
            {
                cache.Annotations.OfType<ExecutableAnnotation>().Last().Command = program.Command;
            }
            else
            {
                LocalStartFailure.PreventStart(cache);
            }

            LocalEndpoints.AssignFreePort(cache, LocalRedisResource.PrimaryEndpointName);
            return Task.CompletedTask;
        });

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(cache, async (@event, cancellationToken) =>
        {
            if (program is null)
            {
                LocalStartFailure.Explain(cache, problem!, @event.Services);
                return;
            }

            @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(cache).CacheServerChosen(program.Description);
            Directory.CreateDirectory(cache.StateFolder);
            var endpoint = cache.PrimaryEndpoint;
            await PrivateFile.WriteAsync(
                Path.Combine(cache.StateFolder, program.ConfigFileName),
                program.Configuration(endpoint.TargetPort ?? endpoint.Port, (await password.GetValueAsync(cancellationToken))!, cache.StateFolder),
                cancellationToken);
        });

        // Aspire's own Redis check (AspNetCore.HealthChecks.Redis), on the connection string services receive.
        string? connectionString = null;
        builder.Eventing.Subscribe<ConnectionStringAvailableEvent>(cache, async (_, cancellationToken) =>
            connectionString = await cache.ConnectionStringExpression.GetValueAsync(cancellationToken));
        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().AddRedis(_ => connectionString ?? throw new InvalidOperationException("The cache's connection string is not known yet."), name: healthCheckKey);

        return builder.AddResource(cache)
            .WithEndpoint(port: port, targetPort: port, name: LocalRedisResource.PrimaryEndpointName, scheme: "redis", isProxied: false)
            .WithArgs(context =>
            {
                foreach (var arg in program?.Arguments(Path.Combine(cache.StateFolder, program.ConfigFileName)) ?? [])
                {
                    context.Args.Add(arg);
                }
            })
            .WithIconName("Memory")
            .WithHealthCheck(healthCheckKey)
            .ExcludeFromManifest();
    }

    /// <summary>The folder of the tool manifest (<c>.config/dotnet-tools.json</c>) at or above the AppHost's.</summary>
    private static string RepositoryRoot(string appHostDirectory)
    {
        for (var folder = new DirectoryInfo(appHostDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, ".config", "dotnet-tools.json")))
            {
                return folder.FullName;
            }
        }

        return appHostDirectory;
    }
}
