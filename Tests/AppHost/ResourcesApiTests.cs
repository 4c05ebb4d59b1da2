using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Tests.Infrastructure;

namespace Tests.AppHost;

public sealed class ResourcesApiTests(SharedApp shared)
{
    private DistributedApplication App => shared.App;

    [Fact]
    public async Task ResourcesAreRefusedWithoutTheToken()
    {
        using var client = new HttpClient { BaseAddress = new Uri(App.DashboardUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong-token");

        using var wrong = await client.GetAsync("/api/v1/resources", TestContext.Current.CancellationToken);
        client.DefaultRequestHeaders.Authorization = null;
        using var missing = await client.GetAsync("/api/v1/resources", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Host=", await missing.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResourcesListEveryResourceAndReplicaWithStateEndpointsAndConnectionStrings()
    {
        using var client = new HttpClient { BaseAddress = new Uri(App.DashboardUrl) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", App.DashboardToken);

        var resources = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/resources", TestContext.Current.CancellationToken);
        var byName = resources!.ToDictionary(r => r.GetProperty("name").GetString()!);

        Assert.Equal(["api", "api-0", "api-1", "appdb", "cache", "migrations", "postgres", "studio"], byName.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Running", byName["api-1"].GetProperty("state").GetString());
        Assert.Equal("Healthy", byName["api-1"].GetProperty("health").GetString());
        Assert.Equal("api", byName["api-1"].GetProperty("replicaOf").GetString());
        Assert.Equal("Finished", byName["migrations"].GetProperty("state").GetString());
        Assert.Equal(0, byName["migrations"].GetProperty("exitCode").GetInt32());
        Assert.Equal(App.GetConnectionString("appdb"), byName["appdb"].GetProperty("connectionString").GetString());
        Assert.Equal(App.GetConnectionString("cache"), byName["cache"].GetProperty("connectionString").GetString());
        Assert.False(byName["api"].TryGetProperty("connectionString", out _));
        Assert.Equal(App.GetEndpoint("api", 1).ToString().TrimEnd('/'), byName["api-1"].GetProperty("urls")[0].GetString());
    }

    [Fact]
    public async Task TheLoginLinkGivesTheBrowserACookieThatOpensTheApi()
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false };
        using var browser = new HttpClient(handler) { BaseAddress = new Uri(App.DashboardUrl) };

        using var refused = await browser.GetAsync("/login?t=guess", TestContext.Current.CancellationToken);
        using var login = await browser.GetAsync(new Uri(App.LoginUrl).PathAndQuery, TestContext.Current.CancellationToken);
        using var resources = await browser.GetAsync("/api/v1/resources", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resources.StatusCode);
    }
}
