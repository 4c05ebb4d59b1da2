using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tests.AppHost;

/// <summary>WithDataVolume on the local server: the data folder survives restarts, and a lost password is explained.</summary>
public sealed class PersistentDataTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly string state = Directory.CreateTempSubdirectory("apphost-persistent-").FullName;

    [Fact]
    public async Task DataSurvivesARestartAndAnotherPasswordIsExplainedOnTheResource()
    {
        await using (var first = await StartAsync("first-password-0123456789"))
        {
            await Infrastructure.Database.ScalarAsync<int>(first.GetConnectionString("db"), "CREATE TABLE kept (id int); INSERT INTO kept VALUES (1); SELECT 1");
        }

        await using (var second = await StartAsync("first-password-0123456789"))
        {
            Assert.Equal(1L, await Infrastructure.Database.ScalarAsync<long>(second.GetConnectionString("db"), "SELECT count(*) FROM kept"));
        }

        await using var third = await StartAsync("someone-changed-it-0123456789", waitHealthy: false);
        var unhealthy = await third.ResourceNotifications.WaitForResourceAsync(
            "pg", e => e.Snapshot.HealthReports.Any(r => r.Status == HealthStatus.Unhealthy && r.Description?.Contains("password", StringComparison.Ordinal) == true), TestContext.Current.CancellationToken)
            .WaitAsync(Timeout, TestContext.Current.CancellationToken);

        var report = unhealthy.Snapshot.HealthReports.First(r => r.Description?.Contains("password", StringComparison.Ordinal) == true).Description!;
        Assert.Contains("PostgreSQL refuses the password of parameter pg-password", report, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(state, "pg", "data"), report, StringComparison.Ordinal);
        Assert.DoesNotContain("someone-changed-it", report, StringComparison.Ordinal);
    }

    private async Task<DistributedApplication> StartAsync(string password, bool waitHealthy = true)
    {
        // A state folder of its own: the data is kept even in a test app, and never in the AppHost's.
        var builder = TestApps.CreateEmptyBuilder([$"--AppHost:StateFolder={state}", $"--Parameters:pg-password={password}"]);
        builder.AddLocalPostgres("pg").WithDataVolume().AddDatabase("db");
        var app = await builder.BuildAsync(TestContext.Current.CancellationToken);
        await app.StartAsync(TestContext.Current.CancellationToken);
        if (waitHealthy)
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync("db", TestContext.Current.CancellationToken).WaitAsync(Timeout, TestContext.Current.CancellationToken);
        }

        return app;
    }

    public void Dispose() => Directory.Delete(state, recursive: true);
}
