using System.Diagnostics;
using AppHost.Orchestration.Testing;
using static Microsoft.Playwright.Assertions;

namespace Tests.Dashboard;

/// <summary>
/// The app the actions tests stop and restart, its API in two replicas logging every request; and the browser that
/// drives it.
/// </summary>
public sealed class ActionsApp : IAsyncLifetime
{
    private DistributedApplication? app;
    private DashboardBrowser? browser;

    public DistributedApplication App => app!;

    public DashboardBrowser Browser => browser!;

    public async ValueTask InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(cancellationToken: timeout.Token);
        builder.CreateResourceBuilder<ProjectResource>("api").WithReplicas(2).WithEnvironment("Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics", "Information");
        app = builder.Build();
        var clock = Stopwatch.StartNew();
        await app.StartAsync(timeout.Token);
        browser = await DashboardBrowser.LaunchAsync();
        var page = await browser.LogInAsync(app);
        var pageShown = clock.Elapsed;
        foreach (var (name, state) in new[] { ("postgres", "Running"), ("cache", "Running"), ("appdb", "Running"), ("migrations", "Finished"), ("api", "Running") })
        {
            await Expect(page.Locator($"#resources tr[data-resource='{name}'] [data-state]")).ToHaveTextAsync(state, new() { Timeout = 120_000 });
        }

        await DashboardBrowser.RecordAsync("start", $"resources page live {pageShown.TotalMilliseconds:0} ms after StartAsync, every resource Running (migrations Finished) on it after {clock.Elapsed.TotalMilliseconds:0} ms");
        await app.WaitForSettledAsync(timeout.Token);
        await page.Context.CloseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}
