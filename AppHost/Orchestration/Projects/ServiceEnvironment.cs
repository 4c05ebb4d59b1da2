using System.Security.Cryptography;

namespace AppHost.Orchestration;

/// <summary>
/// The environment Aspire gives a service, to the letter: connection strings and connection properties of its
/// references, service discovery entries, and (for projects) URLs, launch profile and OpenTelemetry settings.
/// </summary>
internal static class ServiceEnvironment
{
    public static void AddReferences(Resource resource, IDictionary<string, string> environment)
    {
        foreach (var reference in resource.References)
        {
            switch (reference)
            {
                case IResourceWithConnectionString withConnection:
                    environment[$"ConnectionStrings__{reference.Name}"] = withConnection.ConnectionString
                        ?? throw new InvalidOperationException($"'{reference.Name}' has no connection string yet.");
                    var prefix = EnvironmentPrefix(reference.Name);
                    foreach (var (key, value) in withConnection.ConnectionProperties)
                    {
                        environment[$"{prefix}_{key}"] = value;
                    }

                    break;

                case ProjectResource project:
                    for (var i = 0; i < project.HttpEndpoints.Count; i++)
                    {
                        environment[$"services__{project.Name}__http__{i}"] = project.HttpEndpoints[i].Url;
                    }

                    environment[$"{EnvironmentPrefix(project.Name)}_HTTP"] = project.HttpEndpoints[0].Url;
                    break;
            }
        }

        foreach (var (name, value) in resource.ExtraEnvironment)
        {
            environment[name] = value;
        }
    }

    public static Dictionary<string, string> ForProject(ProjectResource project, int replica, EngineContext context)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (project.LaunchProfile is { } profile)
        {
            foreach (var (name, value) in profile.EnvironmentVariables)
            {
                environment[name] = value;
            }

            environment["DOTNET_LAUNCH_PROFILE"] = profile.Name;
        }

        if (!environment.ContainsKey("DOTNET_ENVIRONMENT") && !environment.ContainsKey("ASPNETCORE_ENVIRONMENT"))
        {
            environment["DOTNET_ENVIRONMENT"] = context.EnvironmentName;
        }

        environment["ASPNETCORE_URLS"] = project.HttpEndpoints[replica].Url;
        AddTelemetry(project, environment, context.Telemetry);
        AddReferences(project, environment);
        return environment;
    }

    /// <summary><c>cache</c> becomes <c>CACHE</c>, <c>my-db</c> becomes <c>MY_DB</c>.</summary>
    public static string EnvironmentPrefix(string resourceName) =>
        resourceName.ToUpperInvariant().Replace('-', '_');

    private static void AddTelemetry(ProjectResource project, Dictionary<string, string> environment, TelemetryEndpoint telemetry)
    {
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = telemetry.Url;
        environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        environment["OTEL_EXPORTER_OTLP_HEADERS"] = $"x-otlp-api-key={telemetry.ApiKey}";
        environment["OTEL_SERVICE_NAME"] = project.Name;
        environment["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={project.Name}-{RandomSuffix()}";
        environment["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
        environment["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
        environment["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
        environment["OTEL_TRACES_SAMPLER"] = "always_on";
        environment["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory";
        environment["LOGGING__CONSOLE__FORMATTERNAME"] = "simple";
    }

    private static string RandomSuffix() => RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 8);
}
