using Tests.Infrastructure;

namespace Tests.Api;

public sealed class BillingTests(SharedApp shared)
{
    private readonly ApiClient api = new(shared);

    private async Task<string> PlanAsync(TestUser user, string? slug = null)
    {
        var subscription = await api.Client(user).Api.Billing.Subscription.GetAsync(
            request => request.QueryParameters.Organization = slug, TestContext.Current.CancellationToken);
        return $"{subscription!.Plan}|{subscription.Status}|{subscription.Limits!.Members}";
    }

    [Fact]
    public async Task NoSubscriptionMeansTheFreePlan()
    {
        var owner = await api.SignUpAsync();
        var slug = await api.CreateOrganizationAsync(owner);

        Assert.Equal("free||1", await PlanAsync(owner, slug));
        Assert.Equal("free||1", await PlanAsync(owner));
    }

    [Theory]
    [InlineData("starter", "active", "starter|active|5")]
    [InlineData("pro", "trialing", "pro|trialing|50")]
    [InlineData("pro", "canceled", "free||1")]
    [InlineData("pro", "incomplete", "free||1")]
    [InlineData("enterprise", "active", "free|active|1")]
    public async Task TheActiveOrTrialingSubscriptionGivesThePlanAndItsLimits(string plan, string status, string expected)
    {
        var owner = await api.SignUpAsync();
        var slug = await api.CreateOrganizationAsync(owner);
        await api.SubscribeOrganizationAsync(slug, plan, status);

        Assert.Equal(expected, await PlanAsync(owner, slug));
    }

    [Fact]
    public async Task WithoutAnOrganizationItIsTheCallersOwnSubscription()
    {
        var user = await api.SignUpAsync();
        await api.SubscribeAsync($"SELECT '{user.Id}'", "pro");

        Assert.Equal("pro|active|50", await PlanAsync(user));
    }
}
