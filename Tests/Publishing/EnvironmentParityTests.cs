using AppHost.Publishing;

namespace Tests.Publishing;

/// <summary>
/// A service reads the same variables deployed as locally, so no code needs a "deployed" branch: the names the
/// running app gives each project (the shared app) against the names in the manifest and the Compose file.
/// </summary>
public sealed class EnvironmentParityTests(SharedApp shared) : IAsyncLifetime
{
    // Describe the local machine: its URL and launch profile, the local dashboard's OTLP endpoint and key, inner-loop tuning.
    private static readonly string[] RunOnly =
    [
        "ASPNETCORE_URLS", "DOTNET_LAUNCH_PROFILE", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT",
        "OTEL_EXPORTER_OTLP_ENDPOINT", "OTEL_EXPORTER_OTLP_HEADERS", "OTEL_EXPORTER_OTLP_PROTOCOL", "OTEL_RESOURCE_ATTRIBUTES",
        "OTEL_BLRP_SCHEDULE_DELAY", "OTEL_BSP_SCHEDULE_DELAY", "OTEL_METRIC_EXPORT_INTERVAL", "OTEL_TRACES_SAMPLER",
        "DOTNET_SYSTEM_CONSOLE_ALLOW_ANSI_COLOR_REDIRECTION",
        // Aspire's other telemetry settings for the local dashboard: it gives them in run mode only.
        "OTEL_SERVICE_NAME", "LOGGING__CONSOLE__FORMATTERNAME", "OTEL_METRICS_EXEMPLAR_FILTER", "OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT",
        "OTEL_DOTNET_EXPERIMENTAL_ASPNETCORE_DISABLE_URL_QUERY_REDACTION", "OTEL_DOTNET_EXPERIMENTAL_HTTPCLIENT_DISABLE_URL_QUERY_REDACTION",
        // Aspire's trust of the local development certificate, when the machine has one.
        "SSL_CERT_DIR",
    ];

    // A container listens on HTTP_PORTS behind the platform's ingress.
    private static readonly string[] DeployedOnly = ["HTTP_PORTS", "ASPNETCORE_FORWARDEDHEADERS_ENABLED"];

    private readonly PublishedModels manifest = PublishedModels.CreateFolder();
    private readonly PublishedModels compose = PublishedModels.CreateFolder();

    public async ValueTask InitializeAsync()
    {
        await manifest.PublishAsync("manifest");
        await compose.PublishAsync("compose");
    }

    public async ValueTask DisposeAsync()
    {
        await manifest.DisposeAsync();
        await compose.DisposeAsync();
    }

    [Theory]
    [InlineData("api")]
    [InlineData("migrations")]
    public void TheManifestGivesEachProjectTheVariablesItReceivesLocally(string project)
    {
        // What the app model gives the instance (IsFromSpec), not what it inherits from the test process.
        var local = shared.App.Snapshot(shared.App.InstanceIds(project)[0]).EnvironmentVariables.Where(v => v.IsFromSpec).Select(v => v.Name).ToHashSet();
        var deployed = ManifestEnvironment(project);

        Assert.Contains("ConnectionStrings__appdb", local);
        var localOnly = local.Except(deployed).Except(RunOnly).Except([SharedApp.SignInLimitVariable]).ToList();
        Assert.True(localOnly.Count == 0, $"only local: {string.Join(", ", localOnly)}");
        Assert.Empty(deployed.Except(local).Except(DeployedOnly).Except([RunOnceWorkers.KeepAliveVariable]));
        // Every reference variable, exactly: connection strings, connection properties, service discovery.
        Assert.Equal(ReferenceVariables(local), ReferenceVariables(deployed));
    }

    [Theory]
    [InlineData("api")]
    [InlineData("migrations")]
    public void ComposeGivesEachProjectTheSameVariablesAsTheManifest(string project)
    {
        var composed = ComposeFile.EnvironmentNames(Path.Combine(compose.Folder, "docker-compose.yaml"), project);

        Assert.Equal(ManifestEnvironment(project).Except([RunOnceWorkers.KeepAliveVariable]).Order(), composed.Order());
    }

    private HashSet<string> ManifestEnvironment(string project) =>
        [.. manifest.Resources()[project]!["env"]!.AsObject().Select(v => v.Key)];

    private static string[] ReferenceVariables(IEnumerable<string> names) =>
        [.. names.Where(n => n.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || n.StartsWith("services__", StringComparison.Ordinal)
            || n.StartsWith("APPDB_", StringComparison.Ordinal) || n.StartsWith("CACHE_", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];
}
