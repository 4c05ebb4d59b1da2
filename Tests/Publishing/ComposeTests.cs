using System.Text.Json.Nodes;

namespace Tests.Publishing;

/// <summary>The Compose publisher's docker-compose.yaml and .env, checked by docker-compose itself.</summary>
public sealed class ComposeTests : IAsyncLifetime
{
    private readonly PublishedModels published = PublishedModels.CreateFolder();

    private string ComposePath => Path.Combine(published.Folder, "docker-compose.yaml");

    private string EnvPath => Path.Combine(published.Folder, ".env");

    public async ValueTask InitializeAsync() => await published.PublishAsync("compose");

    public ValueTask DisposeAsync() => published.DisposeAsync();

    [Fact]
    public void DockerComposeAcceptsTheFile()
    {
        var services = ComposeFile.Config(published.Folder, "--services");
        var volumes = ComposeFile.Config(published.Folder, "--volumes");

        Assert.True(services.ExitCode == 0, services.Error);
        Assert.Equal(["api", "cache", "migrations", "postgres"], services.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Order());
        // Aspire's name for the data volume (WithDataVolume): the AppHost's name, a hash of its path, the resource.
        Assert.Matches("^apphost-[0-9a-f]+-postgres-data$", Assert.Single(volumes.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)));

        // docker-compose does reject a broken file: a dependency on a service that does not exist.
        File.WriteAllText(ComposePath, File.ReadAllText(ComposePath).Replace("\nvolumes:", "\n  extra:\n    image: \"busybox\"\n    depends_on: [\"nowhere\"]\nvolumes:", StringComparison.Ordinal));
        Assert.NotEqual(0, ComposeFile.Config(published.Folder).ExitCode);
    }

    [Fact]
    public void StartOrderFollowsWaitForAndWaitForCompletion()
    {
        var services = ComposeFile.Resolved(published.Folder)["services"]!;

        Assert.Equal("service_healthy", Condition(services, "migrations", "postgres"));
        Assert.Equal("service_healthy", Condition(services, "api", "postgres"));
        Assert.Equal("service_healthy", Condition(services, "api", "cache"));
        Assert.Equal("service_completed_successfully", Condition(services, "api", "migrations"));
        // Conditions on health need health checks on the other side.
        Assert.NotNull(services["postgres"]!["healthcheck"]);
        Assert.NotNull(services["cache"]!["healthcheck"]);
        Assert.Contains("GET /health ", string.Join(' ', services["api"]!["healthcheck"]!["test"]!.AsArray().Select(t => (string)t!)));
        // The worker runs once: restarting it would migrate again in a loop.
        Assert.Equal("no", (string)services["migrations"]!["restart"]!);
        // The model gives the api's endpoint no host port: Compose publishes the container's.
        Assert.Equal(8080, (int)services["api"]!["ports"]![0]!["published"]!);
    }

    [Fact]
    public void SecretsAreInAPrivateEnvFileThatComposeInterpolates()
    {
        var secrets = EnvValues();
        var api = ComposeFile.Resolved(published.Folder)["services"]!["api"]!["environment"]!;

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(EnvPath));
        Assert.Equal(32, secrets["POSTGRES_PASSWORD"].Length);
        Assert.Equal($"Host=postgres;Port=5432;Username=postgres;Password={secrets["POSTGRES_PASSWORD"]};Database=appdb", (string)api["ConnectionStrings__appdb"]!);
        Assert.Equal($"cache:6379,password={secrets["CACHE_PASSWORD"]}", (string)api["ConnectionStrings__cache"]!);
        Assert.Equal("8080", (string)api["HTTP_PORTS"]!);
        Assert.DoesNotContain(secrets["POSTGRES_PASSWORD"], File.ReadAllText(ComposePath));
        Assert.Contains(".env", File.ReadAllLines(Path.Combine(published.Folder, ".gitignore")));
    }

    [Fact]
    public async Task PublishingAgainKeepsThePasswordsTheDataVolumeWasCreatedWith()
    {
        var first = EnvValues();

        await published.PublishAsync("compose");

        Assert.Equal(first, EnvValues());
    }

    [Fact]
    public void ProjectsAreBuiltFromTheirDockerfilesWithTheRepositoryAsContext()
    {
        var services = ComposeFile.Resolved(published.Folder)["services"]!;
        var repository = Path.GetDirectoryName(Projects.AppHost.ProjectPath)!;

        foreach (var (service, dockerfile) in new[] { ("api", "Api/Dockerfile"), ("migrations", "MigrationService/Dockerfile") })
        {
            Assert.Equal(repository, (string)services[service]!["build"]!["context"]!);
            Assert.Equal(dockerfile, (string)services[service]!["build"]!["dockerfile"]!);
            Assert.True(File.Exists(Path.Combine(repository, dockerfile)));
        }
    }

    [Fact]
    public async Task ReplicasAndExternalPortsAreCarriedOver()
    {
        await using var scaled = PublishedModels.CreateFolder();
        await scaled.PublishAsync("compose", adjust: builder => builder.CreateResourceBuilder<ProjectResource>("api").WithReplicas(3));

        var api = ComposeFile.Resolved(scaled.Folder)["services"]!["api"]!;

        Assert.Equal(3, (int)api["deploy"]!["replicas"]!);
        Assert.Equal("8080-8082", (string)api["ports"]![0]!["published"]!);
    }

    [Fact]
    public async Task AnExistingServerIsAValueOfTheEnvFileAndNoPostgresIsDeployed()
    {
        const string existing = "Host=db.example.com;Database=appdb;Username=app;Password=x";
        await using var folder = PublishedModels.CreateFolder();
        await folder.PublishAsync("compose", [$"--ConnectionStrings:appdb={existing}"]);

        var services = ComposeFile.Resolved(folder.Folder)["services"]!;

        Assert.Null(services["postgres"]);
        Assert.Equal(existing, (string)services["api"]!["environment"]!["ConnectionStrings__appdb"]!);
        Assert.Equal(existing, (string)services["migrations"]!["environment"]!["ConnectionStrings__appdb"]!);
        // Nothing waits for a server Compose does not run.
        Assert.Null(services["migrations"]!["depends_on"]);
        Assert.DoesNotContain("db.example.com", File.ReadAllText(Path.Combine(folder.Folder, "docker-compose.yaml")));
    }

    private static string? Condition(JsonNode services, string service, string dependency) =>
        (string?)services[service]!["depends_on"]![dependency]!["condition"];

    private Dictionary<string, string> EnvValues() =>
        File.ReadAllLines(EnvPath).Where(l => !l.StartsWith('#') && l.Contains('=', StringComparison.Ordinal))
            .ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..].Trim('\''));
}
