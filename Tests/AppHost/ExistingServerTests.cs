using AppHost.Orchestration.Testing;
using Tests.Infrastructure;

namespace Tests.AppHost;

/// <summary><c>AddConnectionString</c>: the way to use an existing PostgreSQL instead of starting one.</summary>
public sealed class ExistingServerTests(SharedApp shared)
{
    [Fact]
    public async Task AConfiguredConnectionStringIsPassedOnAndNothingIsStarted()
    {
        var existing = shared.DatabaseConnectionString;
        var builder = DistributedApplicationTestingBuilder.Create([$"--ConnectionStrings:appdb={existing}"]);
        var appdb = builder.AddConnectionString("appdb");
        builder.AddExecutable("client", "sh", ".", "-c", "true").WithReference(appdb).WaitFor(appdb);

        await using var app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);
        var client = await app.ResourceNotifications.WaitForResourceAsync("client", KnownResourceStates.Finished, TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        Assert.Equal(existing, client.Environment["ConnectionStrings__appdb"]);
        Assert.Equal(existing, app.GetConnectionString("appdb"));
        Assert.Null(app.ResourceNotifications.TryGet("appdb")!.ProcessId);
        Assert.Equal(KnownResourceStates.Running, app.ResourceNotifications.TryGet("appdb")!.State);
    }

    [Fact]
    public void AMissingConnectionStringNamesTheSettingToSet()
    {
        var builder = DistributedApplicationTestingBuilder.Create();

        var error = Assert.Throws<DistributedApplicationException>(() => builder.AddConnectionString("appdb"));

        Assert.Equal(
            "ConnectionStrings:appdb is not set: set the environment variable ConnectionStrings__appdb or add it to AppHost/appsettings.json.",
            error.Message);
    }
}
