using System.Net;
using System.Text.Json;
using Tests.Infrastructure;

namespace Tests.QueryCache;

/// <summary>Reads GET /api/organizations/{slug} from one replica: the status, the name and the X-Query-Cache header.</summary>
internal sealed class ProfileReader(DistributedApplication app, int replica) : IDisposable
{
    private readonly HttpClient http = new() { BaseAddress = app.ReplicaAddress("api", replica), Timeout = TimeSpan.FromSeconds(60) };

    public async Task<(HttpStatusCode Status, string? Name, string? Cache)> ReadAsync(string slug, bool noCache = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/organizations/{slug}");
        if (noCache)
        {
            request.Headers.CacheControl = new System.Net.Http.Headers.CacheControlHeaderValue { NoCache = true };
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var name = response.StatusCode == HttpStatusCode.OK ? JsonDocument.Parse(text).RootElement.GetProperty("name").GetString() : text;
        return (response.StatusCode, name, response.Headers.TryGetValues("X-Query-Cache", out var values) ? values.Single() : null);
    }

    public void Dispose() => http.Dispose();
}
