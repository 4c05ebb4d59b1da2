using Microsoft.Playwright;

namespace Tests.Studio;

/// <summary>Chromium opening the studio's pages.</summary>
internal sealed class Browser : IAsyncDisposable
{
    private readonly Chromium chromium;

    private Browser(Chromium chromium) => this.chromium = chromium;

    public static async Task<Browser> LaunchAsync() => new(await Chromium.LaunchAsync());

    public async Task<IPage> OpenAsync(Uri url)
    {
        var page = await chromium.Browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        page.SetDefaultTimeout(15_000);
        await page.GotoAsync(url.ToString());

        // Loaded: the page has listed the tables and opened the first.
        await Assertions.Expect(page.Locator("#table-title")).ToContainTextAsync(" rows)");
        return page;
    }

    public static Task ScreenshotAsync(IPage page, string name) => Chromium.ScreenshotAsync(page, "studio", name);

    public ValueTask DisposeAsync() => chromium.DisposeAsync();
}
