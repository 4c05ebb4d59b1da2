using Microsoft.Extensions.DependencyInjection;


namespace Tests.AppHost;

/// <summary>
/// The local-process resources give a referencing service exactly what Aspire's own <c>AddPostgres</c>,
/// <c>AddDatabase</c> and <c>AddRedis</c> give it: both models are built (not run) with the same ports and passwords,
/// and the variables each hands a client are compared.
/// </summary>
public sealed class StockParityTests
{
    private static readonly string[] Secrets = ["--Parameters:postgres-password=pg_P4ss-word.~x", "--Parameters:cache-password=R3disPassword0123456789"];

    [Fact]
    public async Task AServiceReferencingTheLocalServersReceivesTheVariablesOfAspiresContainers()
    {
        var stock = await ClientEnvironmentAsync(builder =>
            (builder.AddPostgres("postgres").WithDataVolume().AddDatabase("appdb"), builder.AddRedis("cache")));
        var local = await ClientEnvironmentAsync(builder =>
            (builder.AddLocalPostgres("postgres").WithDataVolume().AddDatabase("appdb"), builder.AddLocalRedis("cache")));

        Assert.Equal(Received(stock), Received(local));
        Assert.Contains("ConnectionStrings__appdb", local.Keys);
        Assert.Contains("ConnectionStrings__cache", local.Keys);
        Assert.Contains("APPDB_JDBCCONNECTIONSTRING", local.Keys);
        Assert.Contains("CACHE_URI", local.Keys);
    }

    [Fact]
    public void TheGeneratedPasswordsAreAspiresPersistedSecretParameters()
    {
        var builder = TestApps.CreateEmptyBuilder();
        var postgres = builder.AddLocalPostgres("postgres");
        var cache = builder.AddLocalRedis("cache");

        Assert.Equal("postgres-password", postgres.Resource.PasswordParameter.Name);
        Assert.Equal("cache-password", cache.Resource.PasswordParameter.Name);
        Assert.True(postgres.Resource.PasswordParameter.Secret);
        Assert.True(cache.Resource.PasswordParameter.Secret);
    }

    private static SortedDictionary<string, string> Received(IReadOnlyDictionary<string, string> environment) =>
        new(environment.Where(v => v.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal) || v.Key.StartsWith("APPDB_", StringComparison.Ordinal) || v.Key.StartsWith("CACHE_", StringComparison.Ordinal))
            .ToDictionary(v => v.Key, v => v.Value), StringComparer.Ordinal);

    private static async Task<IReadOnlyDictionary<string, string>> ClientEnvironmentAsync(
        Func<IDistributedApplicationBuilder, (IResourceBuilder<IResourceWithConnectionString> Database, IResourceBuilder<IResourceWithConnectionString> Cache)> addServers)
    {
        var builder = TestApps.CreateEmptyBuilder(Secrets);
        var (database, cache) = addServers(builder);
        var client = builder.AddExecutable("client", "true", ".").WithReference(database).WithReference(cache);

        // What the orchestrator would do: the same port for each server in both models.
        var port = 41000;
        foreach (var endpoint in builder.Resources.SelectMany(r => r.Annotations.OfType<EndpointAnnotation>()))
        {
            endpoint.AllocatedEndpoint = new AllocatedEndpoint(endpoint, "localhost", port++);
        }

        // Built, never started: the services give the callbacks what a run would.
        await using var app = await builder.BuildAsync(TestContext.Current.CancellationToken);
        var configuration = await ExecutionConfigurationBuilder.Create(client.Resource).WithEnvironmentVariablesConfig()
            .BuildAsync(app.Services.GetRequiredService<DistributedApplicationExecutionContext>(), cancellationToken: TestContext.Current.CancellationToken);
        return configuration.EnvironmentVariables.ToDictionary();
    }
}
