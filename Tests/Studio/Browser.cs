using Microsoft.Playwright;

namespace Tests.Studio;

/// <summary>Debian's Chromium driven by Playwright (Playwright's own browser download is not available here).</summary>
internal sealed class Browser : IAsyncDisposable
{
    private static readonly string[] Arguments =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static string ScreenshotFolder => Path.Combine(Tests.DbCommands.DbCommand.RepositoryRoot, "TestResults", "studio");

    public static async Task<Browser> LaunchAsync()
    {
        // The machine may be busy with other builds: waits are generous, failures still fail.
        Assertions.SetDefaultExpectTimeout(15_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = Arguments });
        return new Browser(playwright, browser);
    }

    public async Task<IPage> OpenAsync(Uri url)
    {
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync(url.ToString());

        // Loaded: the page has listed the tables and opened the first.
        await Assertions.Expect(page.Locator("#table-title")).ToContainTextAsync(" rows)");
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        return page.ScreenshotAsync(new() { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }
}
