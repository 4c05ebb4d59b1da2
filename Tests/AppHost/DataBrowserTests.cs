using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using AppHost.Orchestration.Testing;
using Tests.Infrastructure;

namespace Tests.AppHost;

/// <summary>The AppHost's studio resource: the database commands' studio as appdb's data browser, started on request.</summary>
public sealed class DataBrowserTests
{
    [Fact]
    public async Task StartingTheStudioServesTheDatabaseBehindTheGeneratedToken()
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(3));
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(cancellationToken: timeout.Token);
        await using var app = builder.Build();
        await app.StartAsync(timeout.Token);
        await app.WaitForSettledAsync(timeout.Token);
        Assert.Equal(KnownResourceStates.NotStarted, app.ResourceNotifications.TryGet("studio")!.State);

        await app.ExecuteCommandAsync("studio", ResourceCommand.Start);
        var loginUrl = await StudioLink.WaitForLoginUrlAsync(app, timeout.Token);

        using var anonymous = new HttpClient();
        using var refused = await anonymous.GetAsync(new Uri(app.GetEndpoint("studio"), "/api/info"), timeout.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

        using var browser = new HttpClient(new HttpClientHandler { UseCookies = true });
        using var page = await browser.GetAsync(loginUrl, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var info = await browser.GetFromJsonAsync<JsonElement>(new Uri(app.GetEndpoint("studio"), "/api/info"), timeout.Token);
        var tables = info.GetProperty("tables").EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Contains("user", tables);
        Assert.Contains("organization", tables);

        // The generated token reaches the studio through its environment only: no console line shows it.
        var token = StudioLink.Token(app);
        Assert.True(token.Length >= 32);
        Assert.DoesNotContain(app.ConsoleLogs.GetLines("studio").Concat(app.ConsoleLogs.GetLines("apphost")), l => l.Text.Contains(token, StringComparison.Ordinal));
    }
}
