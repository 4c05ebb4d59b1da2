using Microsoft.Playwright;

namespace Tests.Infrastructure;

/// <summary>Debian's Chromium driven by Playwright (Playwright's own browser download is not available here).</summary>
internal sealed class Chromium : IAsyncDisposable
{
    private static readonly string[] Arguments =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

    private readonly IPlaywright playwright;

    private Chromium(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static async Task<Chromium> LaunchAsync()
    {
        // The machine may be busy with other builds: waits are generous, failures still fail.
        Assertions.SetDefaultExpectTimeout(15_000);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = Arguments });
        return new Chromium(playwright, browser);
    }

    /// <summary>A full-page screenshot into TestResults/{folder}, for a person to look at after the run.</summary>
    public static Task ScreenshotAsync(IPage page, string folder, string name)
    {
        var directory = Path.Combine(Path.GetDirectoryName(Projects.AppHost.ProjectPath.TrimEnd('/'))!, "TestResults", folder);
        Directory.CreateDirectory(directory);
        return page.ScreenshotAsync(new() { Path = Path.Combine(directory, $"{name}.png"), FullPage = true });
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
