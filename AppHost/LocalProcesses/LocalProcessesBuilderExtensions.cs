namespace AppHost.LocalProcesses;

/// <summary>Chooses between Aspire's server containers and their local-process equivalents.</summary>
public static class LocalProcessesBuilderExtensions
{
    /// <summary>Configuration key: <c>true</c> always runs the servers as local processes, <c>false</c> always as containers.</summary>
    public const string SettingKey = "AppHost:LocalProcesses";

    /// <summary>
    /// True when the servers should run as local processes: never in publish mode (the manifest always carries Aspire's
    /// containers); otherwise as <c>AppHost:LocalProcesses</c> says, or, when it is not set, when no container runtime
    /// answers. The choice is written to the AppHost's log.
    /// </summary>
    public static bool RunsServersAsLocalProcesses(this IDistributedApplicationBuilder builder)
    {
        // The local servers are started the Unix way (setpriv, file modes): elsewhere only the containers run.
        if (builder.ExecutionContext.IsPublishMode || OperatingSystem.IsWindows())
        {
            return false;
        }

        var runtime = builder.Configuration["ASPIRE_CONTAINER_RUNTIME"] ?? builder.Configuration["DcpPublisher:ContainerRuntime"] ?? "docker";
        var (local, why) = builder.Configuration.GetValue<bool?>(SettingKey) switch
        {
            true => (true, $"{SettingKey} is true"),
            false => (false, $"{SettingKey} is false"),
            null when ContainerRuntimeProbe.Answers(runtime) => (false, $"{runtime} answers"),
            null => (true, $"no container runtime answers ({runtime})"),
        };

        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            var log = @event.Services.GetRequiredService<ILogger<LocalPostgresServerResource>>();
            if (local)
            {
                log.RunningAsLocalProcesses(why);
            }
            else
            {
                log.RunningAsContainers(why);
            }

            return Task.CompletedTask;
        });
        return local;
    }
}
