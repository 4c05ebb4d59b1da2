using System.Net;
using SaasApi.Client.Models;
using Tests.Infrastructure;

namespace Tests.Api;

/// <summary>Organizations through the generated client; raw responses where a header or an absent field is the point.</summary>
public sealed class OrganizationTests(SharedApp shared)
{
    private readonly ApiClient api = new(shared);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

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

        var mine = Assert.Single((await api.Client(user).Api.Organizations.GetAsync(cancellationToken: Cancellation))!);
        Assert.Equal((slug, "owner"), (mine.Slug, mine.Role));
    }

    [Fact]
    public async Task TheProfileIsPublicWithItsMemberCount()
    {
        var owner = await api.SignUpAsync();
        var slug = await api.CreateOrganizationAsync(owner);
        await api.AddMemberAsync(slug, await api.SignUpAsync(), "member");

        // Raw: what matters is a field the body must not have, which a typed model would not show.
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

        var updated = await api.Client(admin).Api.Organizations[slug].PatchAsync(
            new UpdateOrganizationRequest { Name = "Renamed", Slug = newSlug, Logo = "https://example.com/logo.svg" }, cancellationToken: Cancellation);

        Assert.Equal(newSlug, updated!.Slug);
        Assert.Equal($"Renamed|{newSlug}|https://example.com/logo.svg",
            Assert.Single(await Infrastructure.Database.RowsAsync(api.Db, $"SELECT name, slug, logo FROM organization WHERE slug = '{newSlug}'")));
        Assert.Equal(404, await ProblemStatus.OfAsync(api.Client(owner).Api.Organizations[slug].Members.GetAsync(cancellationToken: Cancellation)));
    }

    [Fact]
    public async Task TakingAnotherOrganizationsSlugIsAConflict()
    {
        var user = await api.SignUpAsync();
        var taken = await api.CreateOrganizationAsync(await api.SignUpAsync());
        var mine = await api.CreateOrganizationAsync(user);
        var organizations = api.Client(user).Api.Organizations;

        var create = await ProblemStatus.OfAsync(organizations.PostAsync(new CreateOrganizationRequest { Name = "Copy", Slug = taken }, cancellationToken: Cancellation));
        var rename = await ProblemStatus.OfAsync(organizations[mine].PatchAsync(new UpdateOrganizationRequest { Slug = taken }, cancellationToken: Cancellation));

        Assert.Equal((409, 409), (create, rename));
        Assert.Equal(1, await api.CountAsync($"SELECT count(*) FROM organization WHERE slug = '{taken}'"));
        Assert.Equal(1, await api.CountAsync($"SELECT count(*) FROM organization WHERE slug = '{mine}'"));
        Assert.Equal(1, await api.CountAsync($"SELECT count(*) FROM member WHERE user_id = '{user.Id}'"));
    }

    [Fact]
    public async Task OrganizationsRacingForOneSlugGiveOneOrganization()
    {
        var users = await Task.WhenAll(api.SignUpAsync(), api.SignUpAsync(), api.SignUpAsync());
        var slug = ApiClient.UniqueSlug("race");

        var statuses = await Task.WhenAll(users.Select((user, i) => ProblemStatus.OfAsync(
            new ApiClient(shared, replica: i % 2).Client(user).Api.Organizations.PostAsync(
                new CreateOrganizationRequest { Name = "Race", Slug = slug }, cancellationToken: Cancellation))));

        Assert.Equal(1, statuses.Count(status => status is null));
        Assert.Equal(2, statuses.Count(status => status == 409));
        Assert.Equal(1, await api.CountAsync($"SELECT count(*) FROM member m JOIN organization o ON o.id = m.organization_id WHERE o.slug = '{slug}'"));
    }

    [Fact]
    public async Task DeletingAnOrganizationRemovesItsMembersAndInvitations()
    {
        var owner = await api.SignUpAsync();
        var slug = await api.CreateOrganizationAsync(owner);
        await api.SubscribeOrganizationAsync(slug, "pro");
        await api.AddMemberAsync(slug, await api.SignUpAsync(), "member");
        var organization = api.Client(owner).Api.Organizations[slug];
        await organization.Invitations.PostAsync(new CreateInvitationRequest { Email = ApiClient.UniqueEmail(), Role = "member" }, cancellationToken: Cancellation);
        Assert.Equal(2, await api.CountAsync($"SELECT count(*) FROM member m JOIN organization o ON o.id = m.organization_id WHERE o.slug = '{slug}'"));

        await organization.DeleteAsync(cancellationToken: Cancellation);

        Assert.Equal(0, await api.CountAsync($"SELECT count(*) FROM organization WHERE slug = '{slug}'"));
        Assert.Equal(0, await api.CountAsync($"SELECT count(*) FROM member WHERE user_id = '{owner.Id}'"));
        Assert.Equal(0, await api.CountAsync($"SELECT count(*) FROM invitation WHERE inviter_id = '{owner.Id}'"));
        Assert.Equal(404, await ProblemStatus.OfAsync(api.Client().Api.Organizations[slug].GetAsync(cancellationToken: Cancellation)));
    }
}
