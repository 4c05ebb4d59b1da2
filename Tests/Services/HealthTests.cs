using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tests.Infrastructure;

namespace Tests.Services;

/// <summary>
/// <c>/health</c> with a dependency down or hung: it still answers within a probe's patience, names the failing check
/// ("postgres", "cache") as it always has, and says why.
/// </summary>
public sealed class HealthTests(SharedApp shared)
{
    [Fact]
    public async Task HealthReportsPostgresUnhealthyWithinTheShortConnectTimeoutWhenTheDatabaseNeverAnswers()
    {
        using var database = new UnresponsiveEndpoint();
        var port = new Uri(database.Endpoint).Port;
        using var api = await ApiProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["ConnectionStrings__appdb"] = $"Host=127.0.0.1;Port={port};Username=postgres;Password=x;Database=appdb",
                ["ConnectionStrings__cache"] = shared.App.GetConnectionString("cache")!,
            },
            readyPath: "/alive");

        var (status, checks, elapsed) = await HealthAsync(api);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", checks["postgres"]);
        Assert.Equal("Healthy", checks["cache"]);
        // The API's 3 s connect timeout ends it (Npgsql's default is 15 s); measured 3.0 s.
        Assert.True(elapsed < TimeSpan.FromSeconds(10), $"/health took {elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task HealthReportsTheCacheUnhealthyAtOnceWhenItIsDown()
    {
        using var api = await ApiProcess.StartAsync(
            new Dictionary<string, string>
            {
                ["ConnectionStrings__appdb"] = shared.DatabaseConnectionString,
                ["ConnectionStrings__cache"] = $"127.0.0.1:{new Uri(ClosedPort.Url()).Port},password=x",
            },
            readyPath: "/alive");

        var (status, checks, elapsed) = await HealthAsync(api);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", checks["cache"]);
        Assert.Equal("Healthy", checks["postgres"]);
        // Aspire's own Redis check waited 5.3 to 6 s here, its PINGs queued until the client's timeout.
        Assert.True(elapsed < TimeSpan.FromSeconds(2), $"/health took {elapsed.TotalSeconds:F1} s");
    }

    private static async Task<(HttpStatusCode Status, Dictionary<string, string?> Checks, TimeSpan Elapsed)> HealthAsync(ApiProcess api)
    {
        var clock = Stopwatch.StartNew();
        using var response = await api.Client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);
        var elapsed = clock.Elapsed;
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        var checks = body.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString());
        return (response.StatusCode, checks, elapsed);
    }
}
