using System.Text.Json;
using AppHost.Orchestration.Testing;

namespace Tests.AppHost;

/// <summary>WithDataVolume: the data folder and its password survive restarts, and a mismatch is explained.</summary>
public sealed class PersistentDataTests : IDisposable
{
    private readonly string state = Directory.CreateTempSubdirectory("apphost-persistent-").FullName;

    [Fact]
    public async Task DataSurvivesARestartAndAChangedPasswordIsAClearFailure()
    {
        await using (var first = Build())
        {
            await first.StartAsync(TestContext.Current.CancellationToken);
            await first.WaitForSettledAsync(TestContext.Current.CancellationToken);
            await Infrastructure.Database.ScalarAsync<int>(first.GetConnectionString("db")!, "CREATE TABLE kept (id int); SELECT 1");
        }

        await using (var second = Build())
        {
            await second.StartAsync(TestContext.Current.CancellationToken);
            await second.WaitForSettledAsync(TestContext.Current.CancellationToken);
            Assert.Equal(0L, await Infrastructure.Database.ScalarAsync<long>(second.GetConnectionString("db")!, "SELECT count(*) FROM kept"));
        }

        var secretsFile = Path.Combine(state, "secrets.json");
        var secrets = JsonSerializer.Deserialize<Dictionary<string, string>>(await File.ReadAllTextAsync(secretsFile, TestContext.Current.CancellationToken))!;
        secrets["pg-password"] = "someone-changed-it";
        await File.WriteAllTextAsync(secretsFile, JsonSerializer.Serialize(secrets), TestContext.Current.CancellationToken);

        await using var third = Build();
        await third.StartAsync(TestContext.Current.CancellationToken);
        var server = await third.ResourceNotifications.WaitForResourceAsync("pg", s => s.IsTerminal, TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
        var database = await third.ResourceNotifications.WaitForResourceAsync("db", s => s.IsTerminal, TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);

        Assert.Equal(KnownResourceStates.FailedToStart, server.State);
        Assert.Contains("was created with another password", server.Message);
        Assert.Contains($"delete {state}", server.Message);
        Assert.Equal(KnownResourceStates.FailedToStart, database.State);
        Assert.Contains("'pg'", database.Message);
    }

    private DistributedApplication Build()
    {
        var builder = DistributedApplicationTestingBuilder.Create(configure: o =>
        {
            o.StateDirectory = state;
            o.DeleteStateOnDispose = false;
            o.SharedSecretsFile = null;
        });
        builder.AddPostgres("pg").WithDataVolume().AddDatabase("db");
        return builder.Build();
    }

    public void Dispose() => Directory.Delete(state, recursive: true);
}
