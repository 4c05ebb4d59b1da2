using System.Security.Cryptography;

namespace AppHost.Orchestration;

/// <summary>
/// The environment Aspire gives a service, to the letter: connection strings and connection properties of its
/// references, service discovery entries, and (for projects) URLs, launch profile and OpenTelemetry settings.
/// </summary>
internal static class ServiceEnvironment
{
    public static void AddReferences(Resource resource, IDictionary<string, string> environment) =>
        AddReferences(resource, environment, RunningReferenceValues.Instance);

    public static void AddReferences(Resource resource, IDictionary<string, string> environment, IReferenceValues values)
    {
        foreach (var reference in resource.References)
        {
            switch (reference)
            {
                case IResourceWithConnectionString withConnection:
                    environment[$"ConnectionStrings__{reference.Name}"] = values.ConnectionString(withConnection);
                    var prefix = EnvironmentPrefix(reference.Name);
                    foreach (var (key, value) in values.ConnectionProperties(withConnection))
                    {
                        environment[$"{prefix}_{key}"] = value;
                    }

                    break;

                case ProjectResource project:
                    var urls = values.HttpUrls(project);
                    for (var i = 0; i < urls.Count; i++)
                    {
                        environment[$"services__{project.Name}__http__{i}"] = urls[i];
                    }

                    environment[$"{EnvironmentPrefix(project.Name)}_HTTP"] = urls[0];
                    break;
            }
        }

        foreach (var (name, value) in resource.ExtraEnvironment)
        {
            environment[name] = value;
        }
    }

    public static Dictionary<string, string> ForProject(ProjectResource project, int replica, EngineContext context, string instanceId)
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
        AddTelemetry(project, environment, context.Telemetry, instanceId);
        AddReferences(project, environment);
        if (project.DataBrowser is { } browser)
        {
            environment[browser.TokenVariable] = browser.Token.Value;
        }

        return environment;
    }

    /// <summary>
    /// What a project receives when deployed (manifest, Compose): the same reference variables and telemetry identity
    /// as locally, with the deployment's values. Left out on purpose, because they describe the local machine: the
    /// launch profile and its environment name, <c>ASPNETCORE_URLS</c> (a container listens on <c>HTTP_PORTS</c>), and
    /// the OTLP settings that point at the local dashboard or tune the inner loop (the platform gives the endpoint).
    /// </summary>
    public static Dictionary<string, string> ForDeployment(ProjectResource project, IReferenceValues values, string? httpTargetPort)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (httpTargetPort is not null)
        {
            environment["HTTP_PORTS"] = httpTargetPort;
        }

        // Behind the platform's ingress the client's scheme and address arrive in X-Forwarded-* headers.
        environment["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true";
        AddTelemetryIdentity(project, environment);
        AddReferences(project, environment, values);
        return environment;
    }

    /// <summary><c>cache</c> becomes <c>CACHE</c>, <c>my-db</c> becomes <c>MY_DB</c>.</summary>
    public static string EnvironmentPrefix(string resourceName) =>
        resourceName.ToUpperInvariant().Replace('-', '_');

    /// <summary>Aspire's shape of a replica's instance id: the resource's name and a random suffix.</summary>
    public static string NewInstanceId(ProjectResource project) => $"{project.Name}-{RandomSuffix()}";

    /// <summary>Where a replica's telemetry is told apart from its siblings': the <c>service.instance.id</c> it was given.</summary>
    public static string? InstanceIdIn(IReadOnlyDictionary<string, string> environment) =>
        environment.TryGetValue("OTEL_RESOURCE_ATTRIBUTES", out var attributes) && attributes.StartsWith(InstanceIdAttribute, StringComparison.Ordinal)
            ? attributes[InstanceIdAttribute.Length..]
            : null;

    private const string InstanceIdAttribute = "service.instance.id=";

    private static void AddTelemetry(ProjectResource project, Dictionary<string, string> environment, TelemetryEndpoint telemetry, string instanceId)
    {
        environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = telemetry.Url;
        environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf";
        environment["OTEL_EXPORTER_OTLP_HEADERS"] = $"x-otlp-api-key={telemetry.ApiKey}";
        environment["OTEL_RESOURCE_ATTRIBUTES"] = InstanceIdAttribute + instanceId;
        environment["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
        environment["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
        environment["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
        environment["OTEL_TRACES_SAMPLER"] = "always_on";
        // As Aspire in run mode: the console logger keeps its colours on redirected output, for the console page.
        environment["DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION"] = "true";
        AddTelemetryIdentity(project, environment);
    }

    /// <summary>Telemetry settings a service gets wherever it runs.</summary>
    private static void AddTelemetryIdentity(ProjectResource project, Dictionary<string, string> environment)
    {
        environment["OTEL_SERVICE_NAME"] = project.Name;
        environment["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory";
        environment["LOGGING__CONSOLE__FORMATTERNAME"] = "simple";
    }

    private static string RandomSuffix() => RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 8);
}
