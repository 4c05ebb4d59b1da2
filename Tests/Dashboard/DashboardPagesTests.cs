using System.Net;
using Microsoft.Playwright;
using Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Tests.Dashboard;

/// <summary>The dashboard's pages in a real browser, over the shared app (read-only: nothing here stops a resource).</summary>
public sealed class DashboardPagesTests(SharedApp shared, BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private DistributedApplication App => shared.App;

    private DashboardBrowser Browser => browser.Browser;

    [Fact]
    public async Task WithoutTheTokenTheDashboardIsRefused()
    {
        var page = await Browser.NewPageAsync();

        var home = await page.GotoAsync(App.DashboardUrl + "/");
        var homeText = await page.ContentAsync();
        var wrong = await page.GotoAsync(App.DashboardUrl + "/login?t=guess");
        var traces = await page.GotoAsync(App.DashboardUrl + "/traces");

        Assert.Equal((int)HttpStatusCode.Unauthorized, home!.Status);
        Assert.Contains("Dashboard:", homeText, StringComparison.Ordinal);
        Assert.Equal((int)HttpStatusCode.Unauthorized, wrong!.Status);
        Assert.Equal((int)HttpStatusCode.Unauthorized, traces!.Status);
    }

    [Fact]
    public async Task AfterLoginEveryResourceAppearsAndReachesItsState()
    {
        var page = await Browser.LogInAsync(App);

        foreach (var name in new[] { "postgres", "cache", "api-0", "api-1" })
        {
            await Expect(Row(page, name).Locator("[data-state]")).ToHaveTextAsync("Running");
        }

        await Expect(Row(page, "migrations").Locator("[data-state]")).ToHaveTextAsync("Finished");
        await Expect(Row(page, "api-1").Locator("a")).ToHaveTextAsync(App.GetEndpoint("api", 1).ToString().TrimEnd('/'));
        await DashboardBrowser.ScreenshotAsync(page, "resources");
    }

    [Fact]
    public async Task AConnectionStringIsMaskedUntilRevealed()
    {
        var page = await Browser.LogInAsync(App);
        var password = new Npgsql.NpgsqlConnectionStringBuilder(App.GetConnectionString("appdb")).Password!;

        await Row(page, "appdb").ClickAsync();
        var details = page.Locator("[data-details=appdb]");
        await Expect(details).ToContainTextAsync("••••••••");
        await Expect(details).Not.ToContainTextAsync(password);
        await details.GetByText("Show").First.ClickAsync();

        await Expect(details).ToContainTextAsync(password);
        // The shared app never starts its data browser: the details offer to.
        await Expect(details.GetByTitle("Start data browser")).ToBeVisibleAsync();
        await DashboardBrowser.ScreenshotAsync(page, "resource-details");
    }

    [Fact]
    public async Task ARequestToTheApiShowsAsATraceWithItsSqlSpan()
    {
        var slug = $"trace-test-{Guid.NewGuid():N}"[..28];
        using var api = App.CreateHttpClient("api");
        using var response = await api.GetAsync($"/api/organizations/{slug}", TestContext.Current.CancellationToken);
        var trace = await OtlpTestExporters.EventuallyAsync(() => OtlpTestExporters.FirstOf(
            [.. App.Telemetry.GetTraces(resource: "api").Where(t => App.Telemetry.GetTrace(t.TraceId).Any(s => s.Attribute("url.path") == $"/api/organizations/{slug}"))]));

        var page = await Browser.LogInAsync(App, "/traces");
        await page.Locator("#resource").SelectOptionAsync("api");
        var link = page.Locator($"a[href='/traces/{trace.TraceId}']");
        await Expect(link).ToBeVisibleAsync();
        await DashboardBrowser.ScreenshotAsync(page, "traces");
        await link.ClickAsync();

        var sql = page.Locator("tr.span-row[data-kind=Client]").First;
        await sql.ClickAsync();
        await Expect(page.Locator(".span-details")).ToContainTextAsync("organization");
        await Expect(page.Locator("tr.span-row[data-kind=Server]")).ToContainTextAsync("GET /api/organizations/{slug}");
        await DashboardBrowser.ScreenshotAsync(page, "trace-waterfall");

        // The request's own span: its route, its status and what the query cache did for it.
        await page.Locator("tr.span-row[data-kind=Server]").First.ClickAsync();
        var server = page.Locator(".span-details");
        await Expect(server).ToContainTextAsync("http.route/api/organizations/{slug}");
        await Expect(server).ToContainTextAsync("http.response.status_code404");
        await Expect(server).ToContainTextAsync("db.query_cache.outcome");
    }

    [Fact]
    public async Task ALogLineCanBeFoundByText()
    {
        // Each replica logs the address it listens on at startup: a line only api-1 wrote.
        var port = App.GetEndpoint("api", 1).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await OtlpTestExporters.EventuallyAsync(() => OtlpTestExporters.FirstOf(App.Telemetry.GetLogs(resource: "api", text: $"localhost:{port}")));
        var page = await Browser.LogInAsync(App, "/structuredlogs");

        await page.Locator("#log-search").FillAsync($"localhost:{port}");

        var rows = page.Locator("#logs tbody tr");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Now listening on");
        // Labelled with the replica that wrote it, as on the resources page, not just the service.
        await Expect(rows.First.Locator("td[data-resource]")).ToHaveTextAsync("api-1");
        await rows.First.ClickAsync();
        await Expect(page.Locator("#logs .details")).ToContainTextAsync("Microsoft.Hosting.Lifetime");
        await DashboardBrowser.ScreenshotAsync(page, "structured-logs");
    }

    [Fact]
    public async Task MetricsListTheApisInstrumentsAndChartOne()
    {
        using var api = App.CreateHttpClient("api");
        await OtlpTestExporters.EventuallyAsync(() => OtlpTestExporters.FirstOf([.. App.Telemetry.GetInstruments("api").Where(i => i.Name == "http.server.request.duration")]));
        var page = await Browser.LogInAsync(App, "/metrics");

        await page.Locator("#resource").SelectOptionAsync("api");
        await Expect(page.Locator("#instruments")).ToContainTextAsync("http.server.request.duration");
        await page.Locator("#instruments tr", new PageLocatorOptions { HasText = "process.runtime.dotnet.gc.collections.count" }).Or(
            page.Locator("#instruments tr", new PageLocatorOptions { HasText = "http.server.request.duration" })).First.ClickAsync();

        await Expect(page.Locator("svg.chart").First).ToBeVisibleAsync();
        await Expect(page.Locator("svg.chart polyline").First).ToBeAttachedAsync(new() { Timeout = 15_000 });
        await DashboardBrowser.ScreenshotAsync(page, "metrics");
    }

    [Fact]
    public async Task TheConsolePageShowsAResourcesOutput()
    {
        var page = await Browser.LogInAsync(App, "/console/api-0");

        await Expect(page.Locator("#console")).ToContainTextAsync("Now listening on");
        // The service's console logger keeps its colours on redirected output; the page renders them, not the escapes.
        await Expect(page.Locator("#console span[style*='color']").First).ToContainTextAsync("info");
        await Expect(page.Locator("#console")).Not.ToContainTextAsync("[32m");
        await page.Locator("#console-search").FillAsync("Content root path");
        await Expect(page.Locator("#console .line")).ToHaveCountAsync(1);
        await DashboardBrowser.ScreenshotAsync(page, "console");
    }

    [Fact]
    public async Task OnAPhoneTheResourcesPageDropsSecondaryColumnsAndKeepsStateAndActions()
    {
        var page = await Browser.NewPageAsync(new ViewportSize { Width = 390, Height = 844 });
        await page.GotoAsync(App.LoginUrl);
        await DashboardBrowser.OpenAsync(page, App, "/");

        await Expect(Row(page, "cache").Locator("[data-state]")).ToHaveTextAsync("Running");
        await Expect(page.Locator("#resources th", new() { HasText = "Type" })).ToBeHiddenAsync();
        await Expect(page.Locator("nav.tabs")).ToBeInViewportAsync();
        // Wider than the phone, the table scrolls inside the page: the page itself does not.
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
        await Row(page, "cache").GetByTitle("Restart", new() { Exact = true }).ScrollIntoViewIfNeededAsync();
        await Expect(Row(page, "cache").GetByTitle("Restart", new() { Exact = true })).ToBeInViewportAsync();
        await DashboardBrowser.ScreenshotAsync(page, "resources-phone");
    }

    private static ILocator Row(IPage page, string resource) => page.Locator($"#resources tr[data-resource='{resource}']");
}
