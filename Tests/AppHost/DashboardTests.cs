using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Tests.AppHost;

/// <summary>Aspire's dashboard of the AppHost run as a user runs it, in Chromium, signed in with the printed login URL.</summary>
public sealed partial class DashboardTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task ThePrintedLoginShowsEveryResourceInItsStateATraceOfAnApiRequestAndTheServicesLogsAndMetrics()
    {
        await using var host = AppHostProcess.Start();
        await host.WaitUntilStartedAsync(StartTimeout);
        await using var chromium = await Chromium.LaunchAsync();
        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1600, Height = 900 } });
        page.SetDefaultTimeout(60_000);

        await page.GotoAsync((await host.LoginUrl).ToString());

        await Assertions.Expect(Row(page, "api")).ToContainTextAsync("Running", new() { Timeout = 120_000 });
        await Assertions.Expect(Row(page, "migrations")).ToContainTextAsync("Finished");
        await Assertions.Expect(Row(page, "studio")).ToContainTextAsync("Not started");
        foreach (var running in new[] { "postgres", "appdb", "cache" })
        {
            await Assertions.Expect(Row(page, running)).ToContainTextAsync("Running");
        }

        // The postgres row says what runs: PostgreSQL's own binary on its data folder.
        await Assertions.Expect(Row(page, "postgres")).ToContainTextAsync(PostgresSource());
        // A fresh machine has no trusted development certificate, and nothing here needs one: no banner about it.
        await Assertions.Expect(page.GetByText("development certificate")).ToHaveCountAsync(0);
        await Chromium.ScreenshotAsync(page, "dashboard", "resources");

        // A request to the API, by the URL its row links to, shows up as a trace of the api.
        var apiUrl = await Row(page, "api").GetByRole(AriaRole.Link).First.GetAttributeAsync("href");
        using (var http = new HttpClient { BaseAddress = new Uri(apiUrl!) })
        {
            using var response = await http.GetAsync("/api/organizations/acme-demo", TestContext.Current.CancellationToken);
            Assert.True(response.IsSuccessStatusCode, $"GET /api/organizations/acme-demo answered {(int)response.StatusCode}");
        }

        await page.GotoAsync(new Uri(await host.LoginUrl, "/traces").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "api: GET /api/organizations/{slug}" }).First).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(page, "dashboard", "traces");

        // The worker's structured logs and the API's metrics arrive too.
        await page.GotoAsync(new Uri(await host.LoginUrl, "/structuredlogs/resource/migrations").ToString());
        await Assertions.Expect(page.GetByText("Example data seeded").First).ToBeVisibleAsync();
        await page.GotoAsync(new Uri(await host.LoginUrl, "/metrics/resource/api").ToString());
        await Assertions.Expect(page.GetByText("http.server.request.duration").First).ToBeVisibleAsync();
        await Chromium.ScreenshotAsync(page, "dashboard", "metrics");
    }

    // The name cell is labelled with the resource's type and name ("Project: api").
    private static ILocator Row(IPage page, string resource) =>
        page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Gridcell, new() { NameRegex = new Regex($": {resource}$") }) });

    [GeneratedRegex(@"postgres -D \S+/data")]
    private static partial Regex PostgresSource();
}
