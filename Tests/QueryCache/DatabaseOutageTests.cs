using System.Net;
using AppHost.Orchestration.Testing;
using Tests.Infrastructure;

namespace Tests.QueryCache;

/// <summary>PostgreSQL gone: cached reads keep being served, reads that need the database get a quick 503.</summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task WithPostgreSqlStoppedCachedReadsContinueAndOthersGetA503()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(cancellationToken: timeout.Token);

        // Expired at once, so every cached read below is served by the fail-safe rather than as fresh.
        builder.CreateResourceBuilder<ProjectResource>("api").WithReplicas(2)
            .WithEnvironment("QueryCache__MaxAge", "00:00:00.500")
            .WithEnvironment("QueryCache__StaleWhileRevalidate", "00:00:00");
        await using var app = builder.Build();
        await app.StartAsync(timeout.Token);
        await app.WaitForSettledAsync(timeout.Token);

        var organization = await TestOrganizations.CreateAsync(app.GetConnectionString("appdb")!, "Survives");
        using var first = new ProfileReader(app, 0);
        using var second = new ProfileReader(app, 1);
        Assert.Equal((HttpStatusCode.OK, "Survives", "miss"), await first.ReadAsync(organization.Slug));

        var server = ProcessTable.TreesOf([Signals.ProcessOf(app, "postgres")]);
        Signals.Send("KILL", server);
        await Task.Delay(1000, TestContext.Current.CancellationToken);

        foreach (var reader in new[] { first, second, first })
        {
            var read = await reader.ReadAsync(organization.Slug);
            Assert.True(read == (HttpStatusCode.OK, "Survives", "stale"), read + string.Join("\n", app.ConsoleLogs.GetLines("api-0").Concat(app.ConsoleLogs.GetLines("api-1")).Select(l => l.Text).TakeLast(80)));
        }

        var (status, problem, cache) = await first.ReadAsync(organization.Slug, noCache: true);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("The database is unavailable.", problem, StringComparison.Ordinal);
        Assert.Equal("bypass", cache);

        var (neverCached, _, _) = await second.ReadAsync(TestOrganizations.NewSlug());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, neverCached);
    }
}
