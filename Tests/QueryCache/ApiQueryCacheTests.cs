using System.Net;
using Tests.Api;
using Tests.Infrastructure;

namespace Tests.QueryCache;

/// <summary>The query cache as clients see it, through the API's two replicas.</summary>
public sealed class ApiQueryCacheTests(SharedApp shared)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(string? Name, string? Cache)> ProfileAsync(ApiClient client, string slug, bool noCache = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/organizations/{slug}");
        if (noCache)
        {
            request.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoCache = true };
        }

        using var response = await client.Http.SendAsync(request, Ct);
        var body = await ApiClient.ExpectJsonAsync(response, HttpStatusCode.OK);
        return (body.GetProperty("name").GetString(), response.Headers.TryGetValues("X-Query-Cache", out var values) ? values.Single() : null);
    }

    /// <summary>
    /// Other test classes write organizations and members through the same app all the time, and any such write
    /// rightly invalidates every cached result that read those tables: a hit is asserted over a few tries.
    /// </summary>
    private static async Task<bool> EventuallyAsync(Func<Task<bool>> attempt)
    {
        for (var i = 0; i < 20; i++)
        {
            if (await attempt())
            {
                return true;
            }
        }

        return false;
    }

    [Fact]
    public async Task AProfileIsFetchedOnceAndThenServedFromTheCacheOnBothReplicas()
    {
        var first = new ApiClient(shared, 0);
        var second = new ApiClient(shared, 1);
        var owner = await first.SignUpAsync();
        var slug = await first.CreateOrganizationAsync(owner);

        Assert.Equal("miss", (await ProfileAsync(first, slug)).Cache);

        // The other replica finds the result the first one stored in the shared cache server.
        Assert.True(await EventuallyAsync(async () =>
            (await ProfileAsync(first, slug)).Cache == "hit" && (await ProfileAsync(second, slug)).Cache == "hit"));
    }

    [Fact]
    public async Task AWriteThroughTheApiIsVisibleToTheNextReadOnBothReplicas()
    {
        var first = new ApiClient(shared, 0);
        var second = new ApiClient(shared, 1);
        var owner = await first.SignUpAsync();
        var slug = await first.CreateOrganizationAsync(owner);
        Assert.True(await EventuallyAsync(async () =>
            (await ProfileAsync(first, slug)).Cache == "hit" && (await ProfileAsync(second, slug)).Cache == "hit"));

        using (var rename = await first.PatchAsync($"/api/organizations/{slug}", owner, new { name = "Renamed Through The Api" }))
        {
            await ApiClient.ExpectJsonAsync(rename, HttpStatusCode.OK);
        }

        Assert.Equal("Renamed Through The Api", (await ProfileAsync(first, slug)).Name);

        // The other replica hears of the write through the cache server; the issue allows it a second.
        var deadline = DateTime.UtcNow.AddSeconds(1);
        string? seen;
        do
        {
            seen = (await ProfileAsync(second, slug)).Name;
        }
        while (seen != "Renamed Through The Api" && DateTime.UtcNow < deadline);

        Assert.Equal("Renamed Through The Api", seen);
    }

    [Fact]
    public async Task AMembershipAddedThroughTheApiShowsInTheCachedListAtOnce()
    {
        var api = new ApiClient(shared, 1);
        var owner = await api.SignUpAsync();
        var slug = await api.CreateOrganizationAsync(owner);
        using (var before = await api.GetAsync("/api/organizations", owner))
        {
            Assert.Single((await ApiClient.ExpectJsonAsync(before, HttpStatusCode.OK)).EnumerateArray());
        }

        var other = await api.CreateOrganizationAsync(owner);

        using var after = await api.GetAsync("/api/organizations", owner);
        var slugs = (await ApiClient.ExpectJsonAsync(after, HttpStatusCode.OK)).EnumerateArray().Select(o => o.GetProperty("slug").GetString()).ToList();
        Assert.Equal(new[] { slug, other }.Order(StringComparer.Ordinal), slugs.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ARequestSendingCacheControlNoCacheReadsFromPostgreSql()
    {
        var api = new ApiClient(shared, 0);
        var owner = await api.SignUpAsync();
        var slug = await api.CreateOrganizationAsync(owner);
        await ProfileAsync(api, slug);

        Assert.Equal("bypass", (await ProfileAsync(api, slug, noCache: true)).Cache);
        Assert.True(await EventuallyAsync(async () => (await ProfileAsync(api, slug)).Cache == "hit"));
    }

    [Fact]
    public async Task ResponsesThatUsedNoCachedHandleCarryNoCacheHeader()
    {
        var api = new ApiClient(shared, 0);

        using var ping = await api.GetAsync("/api/ping");
        using var invalid = await api.GetAsync("/api/organizations/Not_A_Slug");

        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
        Assert.False(ping.Headers.Contains("X-Query-Cache"));
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.False(invalid.Headers.Contains("X-Query-Cache"));
    }
}
