using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace AppHost.LocalProcesses;

/// <summary>
/// PostgreSQL as a local process: <c>AddLocalPostgres("postgres").WithDataVolume().AddDatabase("appdb")</c> gives the
/// services what <c>AddPostgres("postgres").WithDataVolume().AddDatabase("appdb")</c> gives them, without a container.
/// </summary>
public static class LocalPostgresBuilderExtensions
{
    /// <summary>
    /// Adds a PostgreSQL server run from this machine's installation (<c>AppHost:PostgresBinDirectory</c>, else PATH,
    /// <c>pg_config --bindir</c>, or /usr/lib/postgresql/*/bin), as the <c>postgres</c> OS user when the AppHost is root. Its password is the generated,
    /// persisted secret parameter <c>{name}-password</c>, as with <c>AddPostgres</c>.
    /// </summary>
    public static IResourceBuilder<LocalPostgresServerResource> AddLocalPostgres(this IDistributedApplicationBuilder builder, [ResourceName] string name, int? port = null)
    {
        var password = ParameterResourceBuilderExtensions.CreateDefaultPasswordParameter(builder, $"{name}-password");
        var server = new LocalPostgresServerResource(name, password);
        var folders = LocalStateFolders.For(builder);
        var runAs = OsUserSwitch.PostgresRunAs;
        var configuredBinaries = builder.Configuration[PostgresInstallation.BinDirectoryKey];
        PostgresInstallation? installation = null;

        builder.Eventing.Subscribe<BeforeStartEvent>((_, _) =>
        {
            installation = PostgresInstallation.Find(configuredBinaries);
            var persistent = server.HasAnnotationOfType<PersistentDataAnnotation>();
            server.DataFolder = Path.Combine(folders.For(name, persistent), "data");
            if (installation is not null)
            {
                server.Annotations.OfType<ExecutableAnnotation>().Last().Command = runAs is null ? installation.Postgres : OsUserSwitch.Command;
            }
            else
            {
                LocalStartFailure.PreventStart(server);
            }

            LocalEndpoints.AssignFreePort(server, LocalPostgresServerResource.PrimaryEndpointName);
            return Task.CompletedTask;
        });

        builder.Eventing.Subscribe<BeforeResourceStartedEvent>(server, async (@event, cancellationToken) =>
        {
            if (installation is null)
            {
                var problem = configuredBinaries is { Length: > 0 } ? PostgresInstallation.NotFoundIn(configuredBinaries) : PostgresInstallation.NotInstalled;
                LocalStartFailure.Explain(server, problem, @event.Services);
                return;
            }

            var created = await new PostgresDataFolder(server.DataFolder, runAs).EnsureInitializedAsync(
                installation, LocalPostgresServerResource.UserName, (await password.GetValueAsync(cancellationToken))!,
                fromTemplate: IsThrowAway(server, folders), cancellationToken);
            if (created)
            {
                @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server).DataFolderCreated(server.DataFolder, installation.InitDb);
            }
        });

        var healthCheckKey = $"{name}_check";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey, _ => new PostgresHealthCheck(server, database: null), failureStatus: null, tags: null));

        var shutdown = new PostgresFastShutdown(server);
        return builder.AddResource(server)
            .OnInitializeResource((_, @event, _) =>
            {
                // Stopping the app stops the server the same fast way, before the orchestrator's own SIGTERM.
                var stopping = @event.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
                stopping.Register(shutdown.Stop);
                _ = shutdown.FollowAsync(@event.Notifications, stopping);
                return Task.CompletedTask;
            })
            .WithEndpoint(port: port, targetPort: port, name: LocalPostgresServerResource.PrimaryEndpointName, scheme: "tcp", isProxied: false)
            .WithArgs(context =>
            {
                List<object> args = runAs is not null && installation is not null ? [.. OsUserSwitch.Arguments(runAs), installation.Postgres] : [];
                args.AddRange([
                    "-D", server.DataFolder,
                    "-p", server.PrimaryEndpoint.Property(EndpointProperty.TargetPort),
                    "-c", "listen_addresses=localhost",
                    // TCP only: no socket file in /var/run/postgresql, which a machine without the packaged service may lack.
                    "-c", "unix_socket_directories=",
                    "-c", "max_connections=200",
                ]);
                if (IsThrowAway(server, folders))
                {
                    // The data is deleted after the run: durability would only cost time.
                    args.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
                }

                foreach (var arg in args)
                {
                    context.Args.Add(arg);
                }
            })
            .WithIconName("DatabaseMultiple")
            .WithHealthCheck(healthCheckKey)
            .ExcludeFromManifest();
    }

    /// <summary>
    /// Keeps the data folder across runs, as a container's data volume does: in <c>.state/{name}/data</c> of the
    /// AppHost's folder (ignored by git). Isolated runs (test apps, random ports) still get throw-away data.
    /// </summary>
    public static IResourceBuilder<LocalPostgresServerResource> WithDataVolume(this IResourceBuilder<LocalPostgresServerResource> builder) =>
        builder.WithAnnotation(new PersistentDataAnnotation(), ResourceAnnotationMutationBehavior.Replace);

    /// <summary>
    /// Adds a database, created (<c>CREATE DATABASE</c>, "already exists" ignored) each time the server turns healthy.
    /// Its state follows the server's, as a container's databases do.
    /// </summary>
    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(this IResourceBuilder<LocalPostgresServerResource> builder, [ResourceName] string name, string? databaseName = null)
    {
        var database = new LocalPostgresDatabaseResource(name, databaseName ?? name, builder.Resource);
        builder.Resource.AddDatabase(name, database.DatabaseName);

        var healthCheckKey = $"{name}_check";
        builder.ApplicationBuilder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey, _ => new PostgresHealthCheck(builder.Resource, database.DatabaseName), failureStatus: null, tags: null));

        return builder.ApplicationBuilder.AddResource(database)
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "PostgresDatabase",
                State = KnownResourceStates.NotStarted,
                Properties = [new(CustomResourceKnownProperties.Source, $"{builder.Resource.Name}/{database.DatabaseName}")],
            })
            .WithIconName("Database")
            .WithHealthCheck(healthCheckKey)
            .OnInitializeResource((resource, @event, cancellationToken) =>
                new LocalDatabaseLifecycle(resource, @event.Notifications, @event.Logger).FollowServerAsync(cancellationToken))
            .ExcludeFromManifest();
    }

    private static bool IsThrowAway(LocalPostgresServerResource server, LocalStateFolders folders) =>
        !server.HasAnnotationOfType<PersistentDataAnnotation>() || folders.IsIsolated;

    /// <summary>Marks a server whose data folder survives restarts.</summary>
    private sealed class PersistentDataAnnotation : IResourceAnnotation;
}
