namespace Tests.AppHost;

/// <summary>
/// Which PostgreSQL and Redis resources the AppHost's model holds: Aspire's own containers where a container runtime
/// is used and always when publishing, the local-process resources otherwise. Built, never started.
/// </summary>
public sealed class ServerChoiceTests
{
    [Fact]
    public async Task WithContainersTheModelHoldsAspiresOwnPostgresAndRedisUnchanged()
    {
        await using var builder = await TestApps.CreateBuilderAsync(TestContext.Current.CancellationToken, "--AppHost:LocalProcesses=false");

        var postgres = Assert.IsType<PostgresServerResource>(Resource(builder, "postgres"));
        Assert.IsType<PostgresDatabaseResource>(Resource(builder, "appdb"));
        Assert.IsType<RedisResource>(Resource(builder, "cache"));
        Assert.True(postgres.IsContainer());
        Assert.DoesNotContain(builder.Resources, r => r is LocalPostgresServerResource or LocalRedisResource);
    }

    [Fact]
    public async Task WithLocalProcessesTheModelHoldsTheLocalResourcesUnderTheSameNames()
    {
        await using var builder = await TestApps.CreateBuilderAsync(TestContext.Current.CancellationToken, "--AppHost:LocalProcesses=true");

        Assert.IsType<LocalPostgresServerResource>(Resource(builder, "postgres"));
        Assert.IsType<LocalPostgresDatabaseResource>(Resource(builder, "appdb"));
        Assert.IsType<LocalRedisResource>(Resource(builder, "cache"));
        Assert.DoesNotContain(builder.Resources, r => r.IsContainer());
    }

    [Fact]
    public async Task PublishingAlwaysUsesAspiresContainersEvenWhenLocalProcessesAreAskedFor()
    {
        var output = Directory.CreateTempSubdirectory("server-choice-").FullName;
        try
        {
            await using var builder = await TestApps.CreateBuilderAsync(
                TestContext.Current.CancellationToken, "--AppHost:LocalProcesses=true", "--publisher", "manifest", "--output-path", Path.Combine(output, "manifest.json"));

            Assert.True(builder.ExecutionContext.IsPublishMode);
            Assert.IsType<PostgresServerResource>(Resource(builder, "postgres"));
            Assert.IsType<RedisResource>(Resource(builder, "cache"));
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    private static IResource Resource(IDistributedApplicationBuilder builder, string name) => builder.Resources.Single(r => r.Name == name);
}
