using System.Net;
using Tests.Infrastructure;

namespace Tests.Api;

public sealed class OrganizationTests(SharedApp shared)
{
    private readonly ApiClient api = new(shared);

    [Fact]
    public async Task TheCreatorOwnsANewOrganizationAndSeesItInTheirList()
    {
        var user = await api.SignUpAsync();
        var slug = ApiClient.UniqueSlug();

        using var created = await api.PostAsync("/api/organizations", user, new { name = " Initech ", slug });
        var organization = await ApiClient.ExpectJsonAsync(created, HttpStatusCode.Created);
        Assert.Equal($"/api/organizations/{slug}", created.Headers.Location?.OriginalString);
        Assert.Equal("Initech", organization.GetProperty("name").GetString());
        Assert.Matches("^org_[0-9a-z]{16}$", organization.GetProperty("id").GetString());

        using var list = await api.GetAsync("/api/organizations", user);
        var mine = Assert.Single((await ApiClient.ExpectJsonAsync(list, HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(slug, mine.GetProperty("slug").GetString());
        Assert.Equal("owner", mine.GetProperty("role").GetString());
    }

    [Fact]
    public async Task TheProfileIsPublicWithItsMemberCount()
    {
        var owner = await api.SignUpAsync();
        var slug = await api.CreateOrganizationAsync(owner);
        await api.AddMemberAsync(slug, await api.SignUpAsync(), "member");

        using var response = await api.GetAsync($"/api/organizations/{slug}");

        var profile = await ApiClient.ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(2, profile.GetProperty("memberCount").GetInt32());
        Assert.False(profile.TryGetProperty("id", out _));
    }

    [Fact]
    public async Task AnAdminRenamesAndMovesTheOrganizationAndSetsItsLogo()
    {
        var owner = await api.SignUpAsync();
        var admin = await api.SignUpAsync();
        var slug = await api.CreateOrganizationAsync(owner);
        await api.AddMemberAsync(slug, admin, "admin");
        var newSlug = ApiClient.UniqueSlug("moved");

        using var patch = await api.PatchAsync($"/api/organizations/{slug}", admin, new { name = "Renamed", slug = newSlug, logo = "https://example.com/logo.svg" });

        var updated = await ApiClient.ExpectJsonAsync(patch, HttpStatusCode.OK);
        Assert.Equal(newSlug, updated.GetProperty("slug").GetString());
        Assert.Equal($"Renamed|{newSlug}|https://example.com/logo.svg",
            Assert.Single(await Infrastructure.Database.RowsAsync(api.Db, $"SELECT name, slug, logo FROM organization WHERE slug = '{newSlug}'")));
        using var old = await api.GetAsync($"/api/organizations/{slug}/members", owner);
        await ApiClient.ExpectProblemAsync(old, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TakingAnotherOrganizationsSlugIsAConflict()
    {
        var user = await api.SignUpAsync();
        var taken = await api.CreateOrganizationAsync(await api.SignUpAsync());
        var mine = await api.CreateOrganizationAsync(user);

        using var create = await api.PostAsync("/api/organizations", user, new { name = "Copy", slug = taken });
        using var rename = await api.PatchAsync($"/api/organizations/{mine}", user, new { slug = taken });

        await ApiClient.ExpectProblemAsync(create, HttpStatusCode.Conflict);
        await ApiClient.ExpectProblemAsync(rename, HttpStatusCode.Conflict);
        Assert.Equal(1, await api.CountAsync($"SELECT count(*) FROM organization WHERE slug = '{taken}'"));
        Assert.Equal(1, await api.CountAsync($"SELECT count(*) FROM organization WHERE slug = '{mine}'"));
        Assert.Equal(1, await api.CountAsync($"SELECT count(*) FROM member WHERE user_id = '{user.Id}'"));
    }

    [Fact]
    public async Task OrganizationsRacingForOneSlugGiveOneOrganization()
    {
        var users = await Task.WhenAll(api.SignUpAsync(), api.SignUpAsync(), api.SignUpAsync());
        var slug = ApiClient.UniqueSlug("race");

        var responses = await Task.WhenAll(users.Select((user, i) =>
            new ApiClient(shared, replica: i % 2).PostAsync("/api/organizations", user, new { name = "Race", slug })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(2, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await api.CountAsync($"SELECT count(*) FROM member m JOIN organization o ON o.id = m.organization_id WHERE o.slug = '{slug}'"));
    }

    [Fact]
    public async Task DeletingAnOrganizationRemovesItsMembersAndInvitations()
    {
        var owner = await api.SignUpAsync();
        var slug = await api.CreateOrganizationAsync(owner);
        await api.SubscribeOrganizationAsync(slug, "pro");
        await api.AddMemberAsync(slug, await api.SignUpAsync(), "member");
        using var invited = await api.PostAsync($"/api/organizations/{slug}/invitations", owner, new { email = ApiClient.UniqueEmail(), role = "member" });
        await ApiClient.ExpectJsonAsync(invited, HttpStatusCode.Created);
        Assert.Equal(2, await api.CountAsync($"SELECT count(*) FROM member m JOIN organization o ON o.id = m.organization_id WHERE o.slug = '{slug}'"));

        using var delete = await api.DeleteAsync($"/api/organizations/{slug}", owner);

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(0, await api.CountAsync($"SELECT count(*) FROM organization WHERE slug = '{slug}'"));
        Assert.Equal(0, await api.CountAsync($"SELECT count(*) FROM member WHERE user_id = '{owner.Id}'"));
        Assert.Equal(0, await api.CountAsync($"SELECT count(*) FROM invitation WHERE inviter_id = '{owner.Id}'"));
        using var profile = await api.GetAsync($"/api/organizations/{slug}");
        await ApiClient.ExpectProblemAsync(profile, HttpStatusCode.NotFound);
    }
}
