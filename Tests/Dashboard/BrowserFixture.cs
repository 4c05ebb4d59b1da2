namespace Tests.Dashboard;

/// <summary>One browser for a test class: launching Chromium per test would only add seconds.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private DashboardBrowser? browser;

    public DashboardBrowser Browser => browser!;

    public async ValueTask InitializeAsync() => browser = await DashboardBrowser.LaunchAsync();

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }
    }
}
