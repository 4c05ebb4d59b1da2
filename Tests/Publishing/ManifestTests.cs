using System.Text.Json.Nodes;
using AppHost.Publishing;

namespace Tests.Publishing;

/// <summary>The deployment manifest Aspire writes for the AppHost's model, as <c>azd up</c> reads it.</summary>
public sealed class ManifestTests : IAsyncLifetime
{
    // docs: ../shared/reference/aspire-conventions.md, "Types azd accepts".
    private static readonly string[] AzdTypes =
    [
        "project.v0", "project.v1", "container.v0", "container.v1", "dockerfile.v0", "parameter.v0", "value.v0",
        "annotated.string", "dapr.v0", "dapr.component.v0", "azure.bicep.v0", "azure.bicep.v1",
    ];

    private readonly PublishedModels published = PublishedModels.CreateFolder();

    public async ValueTask InitializeAsync() => await published.PublishAsync("manifest");

    public ValueTask DisposeAsync() => published.DisposeAsync();

    [Fact]
    public async Task TheManifestIsValidAgainstTheAspireSchema()
    {
        var schema = await AspireManifestSchema.LoadAsync(TestContext.Current.CancellationToken);

        Assert.Empty(schema.Validate(File.ReadAllText(published.ManifestPath)).Select(e => e.ToString()));

        // The validator does catch what azd would reject: a property project.v0 does not have.
        var broken = published.Manifest();
        broken["resources"]!["api"]!["replicas"] = 2;
        Assert.NotEmpty(schema.Validate(broken.ToJsonString()));
    }

    [Fact]
    public void EveryResourceHasATypeAzdAccepts()
    {
        var types = published.Resources().ToDictionary(r => r.Key, r => (string)r.Value!["type"]!);

        Assert.All(types, t => Assert.Contains(t.Value, AzdTypes));
        Assert.Equal("container.v0", types["postgres"]);
        Assert.Equal("value.v0", types["appdb"]);
        Assert.Equal("container.v0", types["cache"]);
        Assert.Equal("parameter.v0", types["postgres-password"]);
        Assert.Equal("parameter.v0", types["cache-password"]);
        Assert.Equal("project.v0", types["migrations"]);
        Assert.Equal("project.v0", types["api"]);

        // The data browser (WithExplicitStart) is a local tool: neither it nor its token is deployed.
        Assert.DoesNotContain("studio", types.Keys);
        Assert.DoesNotContain("studio-token", types.Keys);
    }

    [Fact]
    public void EveryReferenceExpressionResolvesToAPropertyOfAResourceInTheManifest()
    {
        var resources = published.Resources();
        var expressions = ManifestReferences.All(resources);

        Assert.Contains("appdb.connectionString", expressions);
        Assert.Contains("postgres.bindings.tcp.host", expressions);
        Assert.Contains("cache-password-uri-encoded.value", expressions);
        Assert.Empty(expressions.Select(e => ManifestReferences.Problem(resources, e)).OfType<string>());

        // And an expression that names nothing is caught.
        Assert.NotNull(ManifestReferences.Problem(resources, "postgres.bindings.http.url"));
        Assert.NotNull(ManifestReferences.Problem(resources, "nothing.connectionString"));
    }

    [Fact]
    public void PostgresAndTheCacheAreAspiresContainersWithGeneratedPasswords()
    {
        var resources = published.Resources();
        var postgres = resources["postgres"]!;
        var cache = resources["cache"]!;

        Assert.StartsWith("docker.io/library/postgres:", (string)postgres["image"]!);
        Assert.Equal("{postgres-password.value}", (string)postgres["env"]!["POSTGRES_PASSWORD"]!);
        Assert.Equal("scram-sha-256", (string)postgres["env"]!["POSTGRES_HOST_AUTH_METHOD"]!);
        Assert.Equal(5432, (int)postgres["bindings"]!["tcp"]!["targetPort"]!);
        // WithDataVolume: the data outlives the container.
        Assert.StartsWith("/var/lib/postgresql", (string)postgres["volumes"]![0]!["target"]!);
        Assert.Equal("{postgres.connectionString};Database=appdb", (string)resources["appdb"]!["connectionString"]!);

        Assert.StartsWith("docker.io/library/redis:", (string)cache["image"]!);
        Assert.Equal("{cache-password.value}", (string)cache["env"]!["REDIS_PASSWORD"]!);
        Assert.Equal("redis-server --requirepass $REDIS_PASSWORD", (string)cache["args"]![1]!);

        var generated = resources["postgres-password"]!["inputs"]!["value"]!;
        Assert.True((bool)generated["secret"]!);
        Assert.Equal(22, (int)generated["default"]!["generate"]!["minLength"]!);
        // StackExchange.Redis cannot take every character in a password.
        Assert.False((bool)resources["cache-password"]!["inputs"]!["value"]!["default"]!["generate"]!["special"]!);
    }

    [Fact]
    public void ProjectsPointAtTheirProjectFilesRelativeToTheManifest()
    {
        var resources = published.Resources();

        foreach (var (name, file) in new[] { ("api", "Api.csproj"), ("migrations", "MigrationService.csproj") })
        {
            var path = (string)resources[name]!["path"]!;
            Assert.False(Path.IsPathRooted(path));
            var resolved = Path.GetFullPath(path, published.Folder);
            Assert.Equal(file, Path.GetFileName(resolved));
            Assert.True(File.Exists(resolved), $"{name}: {path} does not lead to the project from {published.Folder}");
        }
    }

    [Fact]
    public void TheApiIsExternalAndTheMigrationWorkerHasNoEndpointAndStaysUpAfterSuccess()
    {
        var resources = published.Resources();
        var api = resources["api"]!;
        var migrations = resources["migrations"]!;

        Assert.True((bool)api["bindings"]!["http"]!["external"]!);
        Assert.Equal("{api.bindings.http.targetPort}", (string)api["env"]!["HTTP_PORTS"]!);
        // A binding would give the worker ingress and a TCP probe it cannot answer.
        Assert.Null(migrations["bindings"]);
        Assert.Equal("true", (string)migrations["env"]![RunOnceWorkers.KeepAliveVariable]!);
        Assert.Null(api["env"]![RunOnceWorkers.KeepAliveVariable]);
    }

    [Fact]
    public async Task AnExistingServerBecomesAConnectionStringParameterAzdAsksFor()
    {
        await using var existing = PublishedModels.CreateFolder();
        await existing.PublishAsync("manifest", ["--ConnectionStrings:appdb=Host=db.example.com;Database=appdb;Username=app;Password=x"]);
        var resources = existing.Resources();

        var appdb = resources["appdb"]!;
        Assert.Equal("parameter.v0", (string)appdb["type"]!);
        Assert.Equal("{appdb.value}", (string)appdb["connectionString"]!);
        Assert.True((bool)appdb["inputs"]!["value"]!["secret"]!);
        // The configured string is a local setting: it is not written into the manifest.
        Assert.DoesNotContain("db.example.com", File.ReadAllText(existing.ManifestPath));
        Assert.Null(resources["postgres"]);
        Assert.Equal("{appdb.connectionString}", (string)resources["api"]!["env"]!["ConnectionStrings__appdb"]!);
        Assert.Empty(ManifestReferences.All(resources).Select(e => ManifestReferences.Problem(resources, e)).OfType<string>());
    }
}
