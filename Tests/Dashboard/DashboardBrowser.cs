using Microsoft.Playwright;

namespace Tests.Dashboard;

/// <summary>
/// Debian's Chromium driven by Playwright (its own browser download does not work here), and the place the pages'
/// screenshots are saved as test artifacts (TestResults/dashboard/).
/// </summary>
public sealed class DashboardBrowser : IAsyncDisposable
{
    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run",
    ];

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;

    private DashboardBrowser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        this.browser = browser;
    }

    public static string ScreenshotFolder { get; } = Path.Combine(RepositoryRoot(), "TestResults", "dashboard");

    public static async Task<DashboardBrowser> LaunchAsync()
    {
        // The machine may be busy: states and telemetry can take seconds to show.
        Assertions.SetDefaultExpectTimeout(30_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Args = ChromiumArgs,
            Headless = true,
        });
        return new DashboardBrowser(playwright, browser);
    }

    /// <summary>A fresh browser profile, not logged in; a desktop window unless <paramref name="viewport"/> says otherwise.</summary>
    public async Task<IPage> NewPageAsync(ViewportSize? viewport = null)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = viewport ?? new ViewportSize { Width = 1400, Height = 900 } });
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    /// <summary>Opens the printed login URL, then <paramref name="path"/>, and waits until the page is live.</summary>
    public async Task<IPage> LogInAsync(DistributedApplication app, string path = "/")
    {
        var page = await NewPageAsync();
        await page.GotoAsync(app.LoginUrl);
        await OpenAsync(page, app, path);
        return page;
    }

    public static async Task OpenAsync(IPage page, DistributedApplication app, string path)
    {
        await page.GotoAsync(app.DashboardUrl + path);
        await page.Locator(".shell[data-interactive]").WaitForAsync();
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, $"{name}.png"), FullPage = true });
    }

    /// <summary>Adds a measured figure to TestResults/dashboard/timings.txt (read for the README, never asserted).</summary>
    public static async Task RecordAsync(string name, string figure)
    {
        Directory.CreateDirectory(ScreenshotFolder);
        await File.AppendAllTextAsync(Path.Combine(ScreenshotFolder, "timings.txt"), $"{DateTimeOffset.UtcNow:u} {name}: {figure}{Environment.NewLine}");
    }

    public async ValueTask DisposeAsync()
    {
        await browser.DisposeAsync();
        playwright.Dispose();
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Aspire.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? AppContext.BaseDirectory;
    }
}
