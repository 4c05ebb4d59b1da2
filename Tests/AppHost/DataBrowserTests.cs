using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tests.AppHost;

/// <summary>The AppHost's studio resource: the database commands' studio on appdb, started from the dashboard.</summary>
public sealed class DataBrowserTests(SharedApp shared)
{
    [Fact]
    public async Task StartingTheStudioServesTheDatabaseBehindTheLoginLinkOnItsResource()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        var app = shared.App;
        Assert.Equal(KnownResourceStates.NotStarted, app.Snapshot("studio").State?.Text);

        var started = await app.ResourceCommands.ExecuteCommandAsync("studio", KnownResourceCommands.StartCommand, timeout.Token);
        Assert.True(started.Success, started.Message);
        var healthy = await app.ResourceNotifications.WaitForResourceHealthyAsync("studio", timeout.Token);

        var link = healthy.Snapshot.Urls.Single(u => !u.IsInternal && u.Url.Contains("?t=", StringComparison.Ordinal));
        Assert.Equal("Open the studio", link.DisplayProperties.DisplayName);
        var studio = new Uri(new Uri(link.Url).GetLeftPart(UriPartial.Authority));

        using var anonymous = new HttpClient();
        using var refused = await anonymous.GetAsync(new Uri(studio, "/api/info"), timeout.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var browser = new HttpClient(new HttpClientHandler { UseCookies = true });
        using var page = await browser.GetAsync(link.Url, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var info = await browser.GetFromJsonAsync<JsonElement>(new Uri(studio, "/api/info"), timeout.Token);
        var tables = info.GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Contains("user", tables);
        Assert.Contains("organization", tables);

        // The token reaches the studio through its environment only: its console never shows it.
        var token = Uri.UnescapeDataString(link.Url.Split("?t=")[1]);
        Assert.True(token.Length >= 40);
        Assert.DoesNotContain(await app.ConsoleLinesAsync("studio", timeout.Token), line => line.Contains(token, StringComparison.Ordinal));

        var stopped = await app.ResourceCommands.ExecuteCommandAsync("studio", KnownResourceCommands.StopCommand, timeout.Token);
        Assert.True(stopped.Success, stopped.Message);
    }
}
