using System.Net;
using Tests.Infrastructure;

namespace Tests.Api;

/// <summary>PUT /api/organizations/{slug}/plan: a plan without a billing provider, for owners, in Development only.</summary>
public sealed class DevelopmentPlanTests(SharedApp shared)
{
    private readonly ApiClient api = new(shared);

    [Fact]
    public async Task AnOwnerPutsTheOrganizationOnStarterAndCanThenInvite()
    {
        var owner = await api.SignUpAsync();
        var slug = await api.CreateOrganizationAsync(owner);
        using var refusedOnFree = await api.PostAsync($"/api/organizations/{slug}/invitations", owner, new { email = ApiClient.UniqueEmail(), role = "member" });

        using var put = await api.SendAsync(HttpMethod.Put, $"/api/organizations/{slug}/plan", owner, new { plan = "starter" });

        await ApiClient.ExpectProblemAsync(refusedOnFree, HttpStatusCode.Forbidden);
        var subscription = await ApiClient.ExpectJsonAsync(put, HttpStatusCode.OK);
        Assert.Equal("starter|active|5", $"{subscription.GetProperty("plan")}|{subscription.GetProperty("status")}|{subscription.GetProperty("limits").GetProperty("members")}");
        using var read = await api.GetAsync($"/api/billing/subscription?organization={slug}", owner);
        Assert.Equal("starter", (await ApiClient.ExpectJsonAsync(read, HttpStatusCode.OK)).GetProperty("plan").GetString());
        using var invited = await api.PostAsync($"/api/organizations/{slug}/invitations", owner, new { email = ApiClient.UniqueEmail(), role = "member" });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
    }

    [Fact]
    public async Task BackToFreeEndsThePlanInForce()
    {
        var owner = await api.SignUpAsync();
        var slug = await api.CreateOrganizationAsync(owner);
        (await api.SendAsync(HttpMethod.Put, $"/api/organizations/{slug}/plan", owner, new { plan = "pro" })).Dispose();

        using var put = await api.SendAsync(HttpMethod.Put, $"/api/organizations/{slug}/plan", owner, new { plan = "free" });

        var subscription = await ApiClient.ExpectJsonAsync(put, HttpStatusCode.OK);
        Assert.Equal("free", subscription.GetProperty("plan").GetString());
        Assert.Equal(
            ["pro|canceled"],
            await Infrastructure.Database.RowsAsync(api.Db, $"SELECT plan, status FROM subscription WHERE reference_id = (SELECT id FROM organization WHERE slug = '{slug}')"));
    }

    [Fact]
    public async Task OnlyAnOwnerMayAndOnlyAKnownPlan()
    {
        var owner = await api.SignUpAsync();
        var admin = await api.SignUpAsync();
        var slug = await api.CreateOrganizationAsync(owner);
        await api.AddMemberAsync(slug, admin, "admin");

        using var byAdmin = await api.SendAsync(HttpMethod.Put, $"/api/organizations/{slug}/plan", admin, new { plan = "pro" });
        using var unknown = await api.SendAsync(HttpMethod.Put, $"/api/organizations/{slug}/plan", owner, new { plan = "enterprise" });
        using var anonymous = await api.SendAsync(HttpMethod.Put, $"/api/organizations/{slug}/plan", body: new { plan = "pro" });

        var forbidden = await ApiClient.ExpectProblemAsync(byAdmin, HttpStatusCode.Forbidden);
        Assert.Contains("Only owner", forbidden.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var invalid = await ApiClient.ExpectProblemAsync(unknown, HttpStatusCode.BadRequest);
        Assert.Equal("Give one of: free, starter, pro.", invalid.GetProperty("errors").GetProperty("plan")[0].GetString());
        await ApiClient.ExpectProblemAsync(anonymous, HttpStatusCode.Unauthorized);
        Assert.Equal(0L, await api.CountAsync($"SELECT count(*) FROM subscription WHERE reference_id = (SELECT id FROM organization WHERE slug = '{slug}')"));
    }
}
