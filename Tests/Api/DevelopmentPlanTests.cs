using SaasApi.Client.Models;
using Tests.Infrastructure;

namespace Tests.Api;

/// <summary>PUT /api/organizations/{slug}/plan (setOrganizationPlan): a plan without a billing provider, for owners, in Development only.</summary>
public sealed class DevelopmentPlanTests(SharedApp shared)
{
    private readonly ApiClient api = new(shared);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnOwnerPutsTheOrganizationOnStarterAndCanThenInvite()
    {
        var owner = await api.SignUpAsync();
        var slug = await api.CreateOrganizationAsync(owner);
        var organization = api.Client(owner).Api.Organizations[slug];
        var refusedOnFree = await Assert.ThrowsAsync<ProblemDetails>(() =>
            organization.Invitations.PostAsync(new CreateInvitationRequest { Email = ApiClient.UniqueEmail(), Role = "member" }, cancellationToken: Cancellation));

        var put = await organization.Plan.PutAsync(new SetPlanRequest { Plan = "starter" }, cancellationToken: Cancellation);

        Assert.Equal(403, refusedOnFree.Status);
        Assert.Equal(("starter", "active", 5), (put!.Plan, put.Status, put.Limits!.Members));
        var read = await api.Client(owner).Api.Billing.Subscription.GetAsync(request => request.QueryParameters.Organization = slug, Cancellation);
        Assert.Equal("starter", read!.Plan);
        var invited = await organization.Invitations.PostAsync(new CreateInvitationRequest { Email = ApiClient.UniqueEmail(), Role = "member" }, cancellationToken: Cancellation);
        Assert.Equal("pending", invited!.Status);
    }

    [Fact]
    public async Task BackToFreeEndsThePlanInForce()
    {
        var owner = await api.SignUpAsync();
        var slug = await api.CreateOrganizationAsync(owner);
        var plan = api.Client(owner).Api.Organizations[slug].Plan;
        await plan.PutAsync(new SetPlanRequest { Plan = "pro" }, cancellationToken: Cancellation);

        var put = await plan.PutAsync(new SetPlanRequest { Plan = "free" }, cancellationToken: Cancellation);

        Assert.Equal(("free", null, 1), (put!.Plan, put.Status, put.Limits!.Members));
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

        var byAdmin = await Assert.ThrowsAsync<ProblemDetails>(() =>
            api.Client(admin).Api.Organizations[slug].Plan.PutAsync(new SetPlanRequest { Plan = "pro" }, cancellationToken: Cancellation));
        var unknown = await Assert.ThrowsAsync<HttpValidationProblemDetails>(() =>
            api.Client(owner).Api.Organizations[slug].Plan.PutAsync(new SetPlanRequest { Plan = "enterprise" }, cancellationToken: Cancellation));
        var anonymous = await Assert.ThrowsAsync<ProblemDetails>(() =>
            api.Client().Api.Organizations[slug].Plan.PutAsync(new SetPlanRequest { Plan = "pro" }, cancellationToken: Cancellation));

        Assert.Equal(403, byAdmin.Status);
        Assert.Contains("Only owner", byAdmin.Detail, StringComparison.Ordinal);
        Assert.Equal(400, unknown.Status);
        var messages = Assert.IsType<Microsoft.Kiota.Abstractions.Serialization.UntypedArray>(unknown.Errors!.AdditionalData["plan"]).GetValue();
        Assert.Equal("Give one of: free, starter, pro.", Assert.IsType<Microsoft.Kiota.Abstractions.Serialization.UntypedString>(Assert.Single(messages)).GetValue());
        Assert.Equal(401, anonymous.Status);
        Assert.Equal(0L, await api.CountAsync($"SELECT count(*) FROM subscription WHERE reference_id = (SELECT id FROM organization WHERE slug = '{slug}')"));
    }
}
