using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Tests.Infrastructure;

namespace Tests.Api;

/// <summary>The API as staging or production runs it: setting a plan directly is refused in one line.</summary>
public sealed class PlanOutsideDevelopmentTests(SharedApp shared)
{
    [Fact]
    public async Task InProductionAnOwnerIsRefusedWithOneLineAndNoPlanIsWritten()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var api = await StandaloneApi.StartAsync("Production", shared.DatabaseConnectionString, shared.App.GetConnectionString("cache")!);
        using var signUp = await api.Http.PostAsJsonAsync("/api/auth/sign-up", new { name = "Owner", email = ApiClient.UniqueEmail(), password = ApiClient.Password }, cancellation);
        var token = (await ApiClient.ExpectJsonAsync(signUp, HttpStatusCode.Created)).GetProperty("token").GetString()!;
        var slug = ApiClient.UniqueSlug();
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/organizations")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
            Content = JsonContent.Create(new { name = "Prod Org", slug }),
        };
        (await api.Http.SendAsync(create, cancellation)).EnsureSuccessStatusCode();

        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/organizations/{slug}/plan")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
            Content = JsonContent.Create(new { plan = "pro" }),
        };
        using var refused = await api.Http.SendAsync(put, cancellation);

        var problem = await ApiClient.ExpectProblemAsync(refused, HttpStatusCode.Forbidden);
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Equal(
            "Setting a plan directly works only in Development; this API runs as Production, where plans come from the billing provider.",
            detail);
        Assert.Equal(0L, await Infrastructure.Database.ScalarAsync<long>(
            shared.DatabaseConnectionString, $"SELECT count(*) FROM subscription WHERE reference_id = (SELECT id FROM organization WHERE slug = '{slug}')"));
    }
}
