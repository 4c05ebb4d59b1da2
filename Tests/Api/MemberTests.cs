using System.Net;
using System.Text.Json;
using Tests.Infrastructure;

namespace Tests.Api;

public sealed class MemberTests(SharedApp shared)
{
    private readonly ApiClient api = new(shared);

    [Fact]
    public async Task MembersSeeEveryMemberWithTheirRole()
    {
        var owner = await api.SignUpAsync(name: "Owner");
        var member = await api.SignUpAsync(name: "Member");
        var slug = await api.CreateOrganizationAsync(owner);
        await api.AddMemberAsync(slug, member, "member");

        using var response = await api.GetAsync($"/api/organizations/{slug}/members", member);

        var members = (await ApiClient.ExpectJsonAsync(response, HttpStatusCode.OK)).EnumerateArray()
            .Select(m => $"{m.GetProperty("name").GetString()}|{m.GetProperty("email").GetString()}|{m.GetProperty("role").GetString()}")
            .ToList();
        Assert.Equal([$"Owner|{owner.Email}|owner", $"Member|{member.Email}|member"], members);
    }

    [Fact]
    public async Task TheMemberListServedFromTheCacheFollowsARemoval()
    {
        var owner = await api.SignUpAsync();
        var member = await api.SignUpAsync();
        var slug = await api.CreateOrganizationAsync(owner);
        await api.AddMemberAsync(slug, member, "member");

        var path = $"/api/organizations/{slug}/members";
        static List<string> UserIds(JsonElement members) => [.. members.EnumerateArray().Select(m => m.GetProperty("userId").GetString()!)];

        var served = await api.GetUntilCacheHitAsync(path, owner);
        Assert.Equal("hit", served.Cache);
        Assert.Equal([owner.Id, member.Id], UserIds(served.Body));

        using var remove = await api.DeleteAsync($"{path}/{member.Id}", owner);
        Assert.Equal(HttpStatusCode.NoContent, remove.StatusCode);

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

        using var remove = await api.DeleteAsync($"/api/organizations/{slug}/members/{member.Id}", admin);

        Assert.Equal(HttpStatusCode.NoContent, remove.StatusCode);
        using var list = await api.GetAsync($"/api/organizations/{slug}/members", member);
        await ApiClient.ExpectProblemAsync(list, HttpStatusCode.Forbidden);
        using var again = await api.DeleteAsync($"/api/organizations/{slug}/members/{member.Id}", admin);
        await ApiClient.ExpectProblemAsync(again, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheLastOwnerCannotBeRemovedButOneOfTwoOwnersCan()
    {
        var owner = await api.SignUpAsync();
        var admin = await api.SignUpAsync();
        var slug = await api.CreateOrganizationAsync(owner);
        await api.AddMemberAsync(slug, admin, "admin");

        using var adminRemovesOwner = await api.DeleteAsync($"/api/organizations/{slug}/members/{owner.Id}", admin);
        await ApiClient.ExpectProblemAsync(adminRemovesOwner, HttpStatusCode.Forbidden);
        using var lastOwnerLeaves = await api.DeleteAsync($"/api/organizations/{slug}/members/{owner.Id}", owner);
        var problem = await ApiClient.ExpectProblemAsync(lastOwnerLeaves, HttpStatusCode.Conflict);
        Assert.Contains("last owner", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        var second = await api.SignUpAsync();
        await api.AddMemberAsync(slug, second, "owner");
        using var firstLeaves = await api.DeleteAsync($"/api/organizations/{slug}/members/{owner.Id}", owner);
        Assert.Equal(HttpStatusCode.NoContent, firstLeaves.StatusCode);
        using var secondLeaves = await api.DeleteAsync($"/api/organizations/{slug}/members/{second.Id}", second);
        await ApiClient.ExpectProblemAsync(secondLeaves, HttpStatusCode.Conflict);
        Assert.Equal(1, await api.CountAsync($"SELECT count(*) FROM member m JOIN organization o ON o.id = m.organization_id WHERE o.slug = '{slug}' AND m.role = 'owner'"));
    }

    [Fact]
    public async Task TwoOwnersRemovingEachOtherAtOnceLeaveOneOwner()
    {
        var first = await api.SignUpAsync();
        var second = await api.SignUpAsync();
        var slug = await api.CreateOrganizationAsync(first);
        await api.AddMemberAsync(slug, second, "owner");

        var responses = await Task.WhenAll(
            api.DeleteAsync($"/api/organizations/{slug}/members/{second.Id}", first),
            new ApiClient(shared, replica: 1).DeleteAsync($"/api/organizations/{slug}/members/{first.Id}", second));

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.NoContent);
        Assert.Equal(1, await api.CountAsync($"SELECT count(*) FROM member m JOIN organization o ON o.id = m.organization_id WHERE o.slug = '{slug}' AND m.role = 'owner'"));
    }
}
