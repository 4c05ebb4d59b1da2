using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Tests.Infrastructure;
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
        var replicaPids = ApiReplicas.Select(r => App.ResourceNotifications.TryGet(r)!.ProcessId).ToList();
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

        // The resource's Restart restarts every replica: each has a new process.
        var after = App.ResourceNotifications.TryGet("api")!;
        Assert.Equal(before.Restarts + 2, after.Restarts);
        Assert.Equal(KnownResourceStates.Running, after.State);
        Assert.Empty(ApiReplicas.Select(r => App.ResourceNotifications.TryGet(r)!.ProcessId).Intersect(replicaPids));
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
    public async Task StoppingOneReplicaFromThePageLeavesTheOtherServing()
    {
        var serving = App.ResourceNotifications.TryGet("api-0")!;
        var stopped = App.ResourceNotifications.TryGet("api-1")!;
        var page = await Browser.LogInAsync(App);
        var (parentRow, servingRow, stoppedRow) = (ResourceRow(page, "api"), ResourceRow(page, "api-0"), ResourceRow(page, "api-1"));
        await Expect(stoppedRow.Locator("[data-state]")).ToHaveTextAsync("Running");

        await stoppedRow.GetByTitle("Stop", new() { Exact = true }).ClickAsync();

        await Expect(stoppedRow.Locator("[data-state]")).ToHaveTextAsync("Exited");
        await Expect(servingRow.Locator("[data-state]")).ToHaveTextAsync("Running");
        await Expect(parentRow.Locator("[data-state]")).ToHaveTextAsync("Running");
        await Expect(parentRow).ToContainTextAsync("1 of 2 replicas running");
        await Expect(parentRow.GetByTitle("Start", new() { Exact = true })).ToBeVisibleAsync();
        await Expect(stoppedRow.GetByTitle("Stop", new() { Exact = true })).Not.ToBeVisibleAsync();
        await DashboardBrowser.ScreenshotAsync(page, "resources-one-replica-stopped");
        Assert.Equal(serving.ProcessId, App.ResourceNotifications.TryGet("api-0")!.ProcessId);
        Assert.Equal(KnownResourceStates.Running, App.ResourceNotifications.TryGet("api")!.State);
        using (var api = App.CreateHttpClient("api", 0))
        {
            using var ping = await api.GetAsync("/api/ping", TestContext.Current.CancellationToken);
            Assert.True(ping.IsSuccessStatusCode);
        }

        await stoppedRow.GetByTitle("Start", new() { Exact = true }).ClickAsync();

        await Expect(stoppedRow.Locator("[data-state]")).ToHaveTextAsync("Running");
        await Expect(parentRow).Not.ToContainTextAsync("replicas running");
        await App.ResourceNotifications.WaitForResourceHealthyAsync("api", TestContext.Current.CancellationToken);
        Assert.Equal(stopped.Restarts + 1, App.ResourceNotifications.TryGet("api-1")!.Restarts);
        Assert.Equal(serving.Restarts, App.ResourceNotifications.TryGet("api-0")!.Restarts);
        Assert.Equal(serving.ProcessId, App.ResourceNotifications.TryGet("api-0")!.ProcessId);
    }

    [Fact]
    public async Task RestartingOneReplicaThroughTheApiRestartsOnlyThatOne()
    {
        var untouched = App.ResourceNotifications.TryGet("api-1")!;
        var restarted = App.ResourceNotifications.TryGet("api-0")!;
        using var client = new HttpClient { BaseAddress = new Uri(App.DashboardUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", App.DashboardToken);

        using var response = await client.PostAsync("/api/v1/resources/api-0/restart", null, TestContext.Current.CancellationToken);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("api", TestContext.Current.CancellationToken);
        var byName = (await client.GetFromJsonAsync<JsonElement[]>("/api/v1/resources", TestContext.Current.CancellationToken))!
            .ToDictionary(r => r.GetProperty("name").GetString()!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("api-0", (await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("name").GetString());
        Assert.NotEqual(restarted.ProcessId, byName["api-0"].GetProperty("processId").GetInt32());
        Assert.Equal(restarted.Restarts + 1, byName["api-0"].GetProperty("restarts").GetInt32());
        // Its telemetry identity survives the restart: the dashboard still labels its logs and spans api-0.
        Assert.Equal(restarted.Environment["OTEL_RESOURCE_ATTRIBUTES"], App.ResourceNotifications.TryGet("api-0")!.Environment["OTEL_RESOURCE_ATTRIBUTES"]);
        Assert.Equal(untouched.ProcessId, byName["api-1"].GetProperty("processId").GetInt32());
        Assert.Equal(untouched.Restarts, byName["api-1"].GetProperty("restarts").GetInt32());
        Assert.Equal(untouched.StartedAt, byName["api-1"].GetProperty("startedAt").GetDateTimeOffset());
        Assert.All(ApiReplicas, r => Assert.Equal("api", byName[r].GetProperty("replicaOf").GetString()));
        Assert.Equal(App.GetEndpoint("api", 0).ToString().TrimEnd('/'), byName["api-0"].GetProperty("urls")[0].GetString());
    }

    [Fact]
    public async Task StartingAResourceWhoseReplicasAllRunIsRefusedWithOneLine()
    {
        using var client = new HttpClient { BaseAddress = new Uri(App.DashboardUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", App.DashboardToken);
        await App.ResourceNotifications.WaitForResourceHealthyAsync("api", TestContext.Current.CancellationToken);

        using var response = await client.PostAsync("/api/v1/resources/api/start", null, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("every replica", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnOpenResourcesPageShowsEachStateTheEnginePublishes()
    {
        var page = await Browser.LogInAsync(App);
        await Expect(page.Locator("#resources tr[data-resource='cache'] [data-state]")).ToHaveTextAsync("Running");
        List<double> lags = [];

        for (var round = 0; round < 3; round++)
        {
            foreach (var (command, state) in new[] { (ResourceCommand.Stop, KnownResourceStates.Exited), (ResourceCommand.Start, KnownResourceStates.Running) })
            {
                var published = PublishedAsync("cache", state);
                var shown = ShownAsync(page, "cache", state);
                await App.ExecuteCommandAsync("cache", command);
                var (publishedAt, shownAt) = (await published, await shown);
                lags.Add((shownAt - publishedAt).TotalMilliseconds);
            }
        }

        await App.ResourceNotifications.WaitForResourceHealthyAsync("cache", TestContext.Current.CancellationToken);
        lags.Sort();
        await DashboardBrowser.RecordAsync("state change", $"resources page showed the cache's new state {lags[lags.Count / 2]:0} ms (median of {lags.Count}, max {lags[^1]:0} ms) after the engine published it");
    }

    [Fact]
    public async Task StartingTheStudioFromTheDatabaseDetailsOpensItsTablesInOneClick()
    {
        var page = await Browser.LogInAsync(App);
        await ResourceRow(page, "appdb").ClickAsync();
        var details = page.Locator("[data-details='appdb'] [data-browser='studio']");
        await Expect(ResourceRow(page, "studio").Locator("[data-state]")).ToHaveTextAsync("NotStarted");
        await Expect(details.GetByRole(AriaRole.Link)).ToHaveCountAsync(0);

        await details.GetByTitle("Start data browser").ClickAsync();
        var link = details.GetByRole(AriaRole.Link, new() { Name = "Open data browser" });
        await Expect(link).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Expect(ResourceRow(page, "studio").Locator("[data-state]")).ToHaveTextAsync("Running");
        await DashboardBrowser.ScreenshotAsync(page, "resources-data-browser-link");

        var studio = await page.Context.RunAndWaitForPageAsync(() => link.ClickAsync());
        await Expect(studio.Locator("#tables button[data-table='user']")).ToBeVisibleAsync();
        await Expect(studio.Locator("#tables button[data-table='organization']")).ToBeVisibleAsync();
        Assert.Equal(App.GetEndpoint("studio").Port, new Uri(studio.Url).Port);
        await DashboardBrowser.ScreenshotAsync(studio, "studio-from-dashboard");

        // The token is in the link, but the studio's environment shows it masked.
        await ResourceRow(page, "studio").ClickAsync();
        await Expect(page.Locator("[data-details='studio']")).ToContainTextAsync("STUDIO_TOKEN");
        await Expect(page.Locator("[data-details='studio']")).Not.ToContainTextAsync(StudioLink.Token(App));
    }

    /// <summary>When (on the test's clock) the engine publishes <paramref name="state"/>.</summary>
    private async Task<TimeSpan> PublishedAsync(string resource, string state)
    {
        await App.ResourceNotifications.WaitForResourceAsync(resource, state, TestContext.Current.CancellationToken);
        return Clock.Elapsed;
    }

    /// <summary>When the page shows <paramref name="state"/>, looked for on every animation frame.</summary>
    private static async Task<TimeSpan> ShownAsync(IPage page, string resource, string state)
    {
        await page.WaitForFunctionAsync(
            "([r, s]) => document.querySelector(`#resources tr[data-resource='${r}'] [data-state]`)?.textContent === s", new[] { resource, state });
        return Clock.Elapsed;
    }

    private static ILocator ResourceRow(IPage page, string resource) => page.Locator($"#resources tr[data-resource='{resource}']");

    private static readonly string[] ApiReplicas = ["api-0", "api-1"];

    private static readonly Stopwatch Clock = Stopwatch.StartNew();

    [Fact]
    public async Task TheApisConsoleShowsARequestMadeDuringTheTest()
    {
        var slug = $"console-test-{Guid.NewGuid():N}"[..30];
        var page = await Browser.LogInAsync(App, "/console/api-0");
        await page.Locator("#console-search").FillAsync(slug);
        await Expect(page.Locator("#console .line")).ToHaveCountAsync(0);

        using var api = App.CreateHttpClient("api");
        using var response = await api.GetAsync($"/api/organizations/{slug}", TestContext.Current.CancellationToken);

        await Expect(page.Locator("#console .line").First).ToContainTextAsync($"GET {App.GetEndpoint("api")}api/organizations/{slug}");

        // Paused, the page holds still and counts what arrives; resumed, it shows it.
        var later = slug + "-later";
        await page.Locator("#console-search").FillAsync(later);
        await page.Locator("#console-pause").ClickAsync();
        using var whilePaused = await api.GetAsync($"/api/organizations/{later}", TestContext.Current.CancellationToken);
        await Expect(page.Locator("#console-pause")).ToContainTextAsync(new Regex(@"Resume \([1-9]\d* new\)"));
        await Expect(page.Locator("#console .line")).ToHaveCountAsync(0);
        await page.Locator("#console-pause").ClickAsync();
        await Expect(page.Locator("#console .line").First).ToContainTextAsync($"api/organizations/{later}");
        await page.Locator("#console-search").FillAsync("");
        await DashboardBrowser.ScreenshotAsync(page, "console-api");
    }
}
