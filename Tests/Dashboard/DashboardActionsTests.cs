using System.Diagnostics;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Tests.Dashboard;

/// <summary>
/// Stopping and restarting from the page, on an app of its own (the shared app's API must not go away under other
/// tests). Its API logs every request, as a user turns on to follow requests in the console.
/// </summary>
public sealed class DashboardActionsTests(ActionsApp fixture) : IClassFixture<ActionsApp>
{
    private DistributedApplication App => fixture.App;

    private DashboardBrowser Browser => fixture.Browser;

    [Fact]
    public async Task RestartingTheApiFromThePageShowsItComeBack()
    {
        var before = App.ResourceNotifications.TryGet("api")!;
        var page = await Browser.LogInAsync(App);
        var row = page.Locator("#resources tr[data-resource='api']");
        await Expect(row.Locator("[data-state]")).ToHaveTextAsync("Running");

        var clock = Stopwatch.StartNew();
        await row.GetByText("Restart").ClickAsync();
        await Expect(row.Locator("[data-state]")).Not.ToHaveTextAsync("Running");
        var leftRunning = clock.Elapsed;
        await Expect(row.Locator("[data-state]")).ToHaveTextAsync("Running");
        await Expect(row).ToContainTextAsync("Healthy");
        var backHealthy = clock.Elapsed;
        await Expect(page.Locator(".notice")).ToContainTextAsync("Restart api: done");

        var after = App.ResourceNotifications.TryGet("api")!;
        Assert.Equal(1, after.Restarts);
        Assert.NotEqual(before.ProcessId, after.ProcessId);
        Assert.Equal(KnownResourceStates.Running, after.State);
        using var api = App.CreateHttpClient("api");
        using var response = await api.GetAsync("/api/ping", TestContext.Current.CancellationToken);
        Assert.True(response.IsSuccessStatusCode);
        await DashboardBrowser.ScreenshotAsync(page, "resources-after-restart");
        await DashboardBrowser.RecordAsync("restart", $"page showed api leave Running after {leftRunning.TotalMilliseconds:0} ms, Running and Healthy again after {backHealthy.TotalMilliseconds:0} ms");
    }

    [Fact]
    public async Task StoppingAndStartingTheCacheFromThePageShowsEachState()
    {
        var page = await Browser.LogInAsync(App);
        var row = page.Locator("#resources tr[data-resource='cache']");

        await row.GetByText("Stop").ClickAsync();
        await Expect(row.Locator("[data-state]")).ToHaveTextAsync("Exited");
        Assert.Equal(KnownResourceStates.Exited, App.ResourceNotifications.TryGet("cache")!.State);
        await row.GetByText("Start").ClickAsync();
        await Expect(row.Locator("[data-state]")).ToHaveTextAsync("Running");

        await App.ResourceNotifications.WaitForResourceHealthyAsync("cache", TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task TheApisConsoleShowsARequestMadeDuringTheTest()
    {
        var slug = $"console-test-{Guid.NewGuid():N}"[..30];
        var page = await Browser.LogInAsync(App, "/console/api");
        await page.Locator("#console-search").FillAsync(slug);
        await Expect(page.Locator("#console .line")).ToHaveCountAsync(0);

        using var api = App.CreateHttpClient("api");
        using var response = await api.GetAsync($"/api/organizations/{slug}", TestContext.Current.CancellationToken);

        await Expect(page.Locator("#console .line").First).ToContainTextAsync($"GET {App.GetEndpoint("api")}api/organizations/{slug}");
        await page.Locator("#console-search").FillAsync("");
        await DashboardBrowser.ScreenshotAsync(page, "console-api");
    }
}
