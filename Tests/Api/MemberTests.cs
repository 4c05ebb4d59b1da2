using System.Text.Json;
using SaasApi.Client.Models;
using Tests.Infrastructure;

namespace Tests.Api;

/// <summary>Listing and removing members, through the generated client; the cached list's test reads the raw response for its header.</summary>
public sealed class MemberTests(SharedApp shared)
{
    private readonly ApiClient api = new(shared);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private Task RemoveAsync(TestUser by, string slug, string userId, ApiClient? through = null) =>
        (through ?? api).Client(by).Api.Organizations[slug].Members[userId].DeleteAsync(cancellationToken: Cancellation);

    [Fact]
    public async Task MembersSeeEveryMemberWithTheirRole()
    {
        var owner = await api.SignUpAsync(name: "Owner");
        var member = await api.SignUpAsync(name: "Member");
        var slug = await api.CreateOrganizationAsync(owner);
        await api.AddMemberAsync(slug, member, "member");

        var members = await api.Client(member).Api.Organizations[slug].Members.GetAsync(cancellationToken: Cancellation);

        Assert.Equal([$"Owner|{owner.Email}|owner", $"Member|{member.Email}|member"], members!.Select(m => $"{m.Name}|{m.Email}|{m.Role}"));
    }

    [Fact]
    public async Task TheMemberListServedFromTheCacheFollowsARemoval()
    {
        var owner = await api.SignUpAsync();
        var member = await api.SignUpAsync();
        var slug = await api.CreateOrganizationAsync(owner);
        await api.AddMemberAsync(slug, member, "member");

        // Raw reads: how the cache served them is a response header.
        var path = $"/api/organizations/{slug}/members";
        static List<string> UserIds(JsonElement members) => [.. members.EnumerateArray().Select(m => m.GetProperty("userId").GetString()!)];

        var served = await api.GetUntilCacheHitAsync(path, owner);
        Assert.Equal("hit", served.Cache);
        Assert.Equal([owner.Id, member.Id], UserIds(served.Body));

        await RemoveAsync(owner, slug, member.Id);

        Assert.Equal([owner.Id], UserIds((await api.GetServedAsync(path, owner)).Body));
    }

    [Fact]
    public async Task AnAdminRemovesAMemberWhoThenLosesAccess()
    {
        var owner = await api.SignUpAsync();
        var admin = await api.SignUpAsync();
        var member = await api.SignUpAsync();
        var slug = await api.CreateOrganizationAsync(owner);
        await api.AddMemberAsync(slug, admin, "admin");
        await api.AddMemberAsync(slug, member, "member");

        await RemoveAsync(admin, slug, member.Id);

        var list = await Assert.ThrowsAsync<ProblemDetails>(() => api.Client(member).Api.Organizations[slug].Members.GetAsync(cancellationToken: Cancellation));
        Assert.Equal(403, list.Status);
        Assert.Equal(404, await ProblemStatus.OfAsync(RemoveAsync(admin, slug, member.Id)));
    }

    [Fact]
    public async Task TheLastOwnerCannotBeRemovedButOneOfTwoOwnersCan()
    {
        var owner = await api.SignUpAsync();
        var admin = await api.SignUpAsync();
        var slug = await api.CreateOrganizationAsync(owner);
        await api.AddMemberAsync(slug, admin, "admin");

        Assert.Equal(403, await ProblemStatus.OfAsync(RemoveAsync(admin, slug, owner.Id)));
        var lastOwnerLeaves = await Assert.ThrowsAsync<ProblemDetails>(() => RemoveAsync(owner, slug, owner.Id));
        Assert.Equal(409, lastOwnerLeaves.Status);
        Assert.Contains("last owner", lastOwnerLeaves.Detail, StringComparison.Ordinal);

        var second = await api.SignUpAsync();
        await api.AddMemberAsync(slug, second, "owner");
        await RemoveAsync(owner, slug, owner.Id);
        Assert.Equal(409, await ProblemStatus.OfAsync(RemoveAsync(second, slug, second.Id)));
        Assert.Equal(1, await api.CountAsync($"SELECT count(*) FROM member m JOIN organization o ON o.id = m.organization_id WHERE o.slug = '{slug}' AND m.role = 'owner'"));
    }

    [Fact]
    public async Task TwoOwnersRemovingEachOtherAtOnceLeaveOneOwner()
    {
        var first = await api.SignUpAsync();
        var second = await api.SignUpAsync();
        var slug = await api.CreateOrganizationAsync(first);
        await api.AddMemberAsync(slug, second, "owner");

        var statuses = await Task.WhenAll(
            ProblemStatus.OfAsync(RemoveAsync(first, slug, second.Id)),
            ProblemStatus.OfAsync(RemoveAsync(second, slug, first.Id, new ApiClient(shared, replica: 1))));

        Assert.Contains(null, statuses);
        Assert.Equal(1, await api.CountAsync($"SELECT count(*) FROM member m JOIN organization o ON o.id = m.organization_id WHERE o.slug = '{slug}' AND m.role = 'owner'"));
    }
}
