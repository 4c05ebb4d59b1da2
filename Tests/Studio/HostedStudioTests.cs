using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Tests.DbCommands;
using Tests.Infrastructure;

namespace Tests.Studio;

/// <summary>The studio as the AppHost launches it: on the port of ASPNETCORE_URLS, behind the token of STUDIO_TOKEN.</summary>
public sealed class HostedStudioTests(SharedApp shared)
{
    [Fact]
    public async Task UnderALauncherItListensOnItsUrlsPortBehindTheGivenTokenWithoutPrintingIt()
    {
        var port = FreePort();
        var token = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
        await using var studio = await StudioProcess.StartAsync(shared.DatabaseConnectionString, new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://localhost:{port}",
            ["STUDIO_TOKEN"] = token,
        });

        Assert.Equal(new Uri($"http://127.0.0.1:{port}/"), studio.LoginUrl);
        using var anonymous = new HttpClient { BaseAddress = studio.BaseUrl };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/info", TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/?t=" + new string('x', 40), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health", TestContext.Current.CancellationToken)).StatusCode);

        using var browser = new HttpClient(new HttpClientHandler { UseCookies = true }) { BaseAddress = studio.BaseUrl };
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync($"/?t={token}", TestContext.Current.CancellationToken)).StatusCode);
        var info = await browser.GetFromJsonAsync<JsonElement>("/api/info", TestContext.Current.CancellationToken);
        Assert.Contains(info.GetProperty("tables").EnumerateArray(), t => t.GetProperty("name").GetString() == "user");
    }

    [Fact]
    public async Task ATooShortTokenIsOneLineAndNonZeroExit()
    {
        var result = await DbCommand.RunAsync(["studio"], new Dictionary<string, string>
        {
            ["ConnectionStrings__appdb"] = shared.DatabaseConnectionString,
            ["STUDIO_TOKEN"] = "short-token",
        });

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("STUDIO_TOKEN must be at least 32 characters", line);
        Assert.DoesNotContain("short-token", result.All);
        Assert.DoesNotContain("Studio:", result.Output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
