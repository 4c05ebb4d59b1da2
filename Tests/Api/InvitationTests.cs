using System.Net;
using System.Text.Json;
using Tests.Infrastructure;

namespace Tests.Api;

public sealed class InvitationTests(SharedApp shared)
{
    private readonly ApiClient api = new(shared);

    private async Task<(TestUser Owner, string Slug)> OrganizationOnPlanAsync(string plan)
    {
        var owner = await api.SignUpAsync(name: "Inviter");
        var slug = await api.CreateOrganizationAsync(owner);
        await api.SubscribeOrganizationAsync(slug, plan);
        return (owner, slug);
    }

    private async Task<JsonElement> InviteAsync(TestUser by, string slug, string email, string role = "member")
    {
        using var response = await api.PostAsync($"/api/organizations/{slug}/invitations", by, new { email, role });
        return await ApiClient.ExpectJsonAsync(response, HttpStatusCode.Created);
    }

    [Fact]
    public async Task AnInviteeSeesTheInvitationAcceptsItAndBecomesAMemberWithItsRole()
    {
        var (owner, slug) = await OrganizationOnPlanAsync("starter");
        var invitee = await api.SignUpAsync();

        var invitation = await InviteAsync(owner, slug, invitee.Email.ToUpperInvariant(), "admin");
        var id = invitation.GetProperty("id").GetString()!;
        Assert.Matches("^inv_[0-9a-z]{16}$", id);
        Assert.Equal("pending", invitation.GetProperty("status").GetString());
        Assert.InRange(invitation.GetProperty("expiresAt").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddDays(6.9), DateTimeOffset.UtcNow.AddDays(7.1));

        using var list = await api.GetAsync("/api/invitations", invitee);
        var listed = Assert.Single((await ApiClient.ExpectJsonAsync(list, HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal(id, listed.GetProperty("id").GetString());
        Assert.Equal(slug, listed.GetProperty("organizationSlug").GetString());
        Assert.Equal("Inviter", listed.GetProperty("inviterName").GetString());

        using var accept = await api.PostAsync($"/api/invitations/{id}/accept", invitee);
        var membership = await ApiClient.ExpectJsonAsync(accept, HttpStatusCode.OK);
        Assert.Equal("admin", membership.GetProperty("role").GetString());

        using var mine = await api.GetAsync("/api/organizations", invitee);
        var organization = Assert.Single((await ApiClient.ExpectJsonAsync(mine, HttpStatusCode.OK)).EnumerateArray());
        Assert.Equal("admin", organization.GetProperty("role").GetString());
        Assert.Equal("accepted|True", Assert.Single(await Infrastructure.Database.RowsAsync(api.Db, $"SELECT status, accepted_at IS NOT NULL FROM invitation WHERE id = '{id}'")));
        using var twice = await api.PostAsync($"/api/invitations/{id}/accept", invitee);
        await ApiClient.ExpectProblemAsync(twice, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ARejectedInvitationGivesNoMembershipAndCanBeRenewed()
    {
        var (owner, slug) = await OrganizationOnPlanAsync("starter");
        var invitee = await api.SignUpAsync();
        var id = (await InviteAsync(owner, slug, invitee.Email)).GetProperty("id").GetString()!;

        using var reject = await api.PostAsync($"/api/invitations/{id}/reject", invitee);

        Assert.Equal(HttpStatusCode.NoContent, reject.StatusCode);
        Assert.Equal(0, await api.CountAsync($"SELECT count(*) FROM member WHERE user_id = '{invitee.Id}'"));
        using var list = await api.GetAsync("/api/invitations", invitee);
        Assert.Empty((await ApiClient.ExpectJsonAsync(list, HttpStatusCode.OK)).EnumerateArray());

        var renewed = await InviteAsync(owner, slug, invitee.Email);
        Assert.Equal(id, renewed.GetProperty("id").GetString());
        Assert.Equal("pending", renewed.GetProperty("status").GetString());
    }

    [Fact]
    public async Task TheInvitationListServedFromTheCacheFollowsARejection()
    {
        var (owner, slug) = await OrganizationOnPlanAsync("starter");
        var invitee = await api.SignUpAsync();
        var id = (await InviteAsync(owner, slug, invitee.Email)).GetProperty("id").GetString()!;

        static List<string> Ids(JsonElement invitations) => [.. invitations.EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];

        var served = await api.GetUntilCacheHitAsync("/api/invitations", invitee);
        Assert.Equal("hit", served.Cache);
        Assert.Equal([id], Ids(served.Body));

        using var reject = await api.PostAsync($"/api/invitations/{id}/reject", invitee);
        Assert.Equal(HttpStatusCode.NoContent, reject.StatusCode);

        Assert.Empty(Ids((await api.GetServedAsync("/api/invitations", invitee)).Body));
    }

    [Fact]
    public async Task SomeoneElsesInvitationCannotBeSeenAcceptedOrRejected()
    {
        var (owner, slug) = await OrganizationOnPlanAsync("starter");
        var invitee = await api.SignUpAsync();
        var intruder = await api.SignUpAsync();
        var id = (await InviteAsync(owner, slug, invitee.Email)).GetProperty("id").GetString()!;

        using var list = await api.GetAsync("/api/invitations", intruder);
        using var accept = await api.PostAsync($"/api/invitations/{id}/accept", intruder);
        using var reject = await api.PostAsync($"/api/invitations/{id}/reject", intruder);

        Assert.Empty((await ApiClient.ExpectJsonAsync(list, HttpStatusCode.OK)).EnumerateArray());
        await ApiClient.ExpectProblemAsync(accept, HttpStatusCode.NotFound);
        await ApiClient.ExpectProblemAsync(reject, HttpStatusCode.NotFound);
        Assert.Equal("pending", Assert.Single(await Infrastructure.Database.RowsAsync(api.Db, $"SELECT status FROM invitation WHERE id = '{id}'")));
        Assert.Equal(0, await api.CountAsync($"SELECT count(*) FROM member WHERE user_id = '{intruder.Id}'"));
    }

    [Fact]
    public async Task AnExpiredInvitationIsNotListedCannotBeAcceptedAndCanBeRenewed()
    {
        var (owner, slug) = await OrganizationOnPlanAsync("starter");
        var invitee = await api.SignUpAsync();
        var id = (await InviteAsync(owner, slug, invitee.Email)).GetProperty("id").GetString()!;
        await api.Execute($"UPDATE invitation SET expires_at = now() - interval '1 minute' WHERE id = '{id}'");

        using var list = await api.GetAsync("/api/invitations", invitee);
        using var accept = await api.PostAsync($"/api/invitations/{id}/accept", invitee);

        Assert.Empty((await ApiClient.ExpectJsonAsync(list, HttpStatusCode.OK)).EnumerateArray());
        var problem = await ApiClient.ExpectProblemAsync(accept, HttpStatusCode.Conflict);
        Assert.Contains("expired", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await api.CountAsync($"SELECT count(*) FROM member WHERE user_id = '{invitee.Id}'"));
        Assert.Equal("pending", (await InviteAsync(owner, slug, invitee.Email)).GetProperty("status").GetString());
    }

    [Fact]
    public async Task TheFreePlanAllowsNoInvitationBeyondItsOneMember()
    {
        var owner = await api.SignUpAsync();
        var slug = await api.CreateOrganizationAsync(owner);
        var email = ApiClient.UniqueEmail();

        using var response = await api.PostAsync($"/api/organizations/{slug}/invitations", owner, new { email, role = "member" });

        var problem = await ApiClient.ExpectProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("free plan allows 1", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await api.CountAsync($"SELECT count(*) FROM invitation WHERE email = '{email}'"));
    }

    [Fact]
    public async Task TheStarterPlanCountsMembersAndPendingInvitationsUpToFive()
    {
        var (owner, slug) = await OrganizationOnPlanAsync("starter");
        await api.AddMemberAsync(slug, await api.SignUpAsync(), "member");
        for (var i = 0; i < 3; i++)
        {
            await InviteAsync(owner, slug, ApiClient.UniqueEmail());
        }

        using var sixth = await api.PostAsync($"/api/organizations/{slug}/invitations", owner, new { email = ApiClient.UniqueEmail(), role = "member" });

        var problem = await ApiClient.ExpectProblemAsync(sixth, HttpStatusCode.Forbidden);
        Assert.Contains("starter plan allows 5", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(3, await api.CountAsync($"SELECT count(*) FROM invitation i JOIN organization o ON o.id = i.organization_id WHERE o.slug = '{slug}'"));
    }

    [Fact]
    public async Task AcceptingIsRefusedWhenThePlanWasDowngradedMeanwhile()
    {
        var (owner, slug) = await OrganizationOnPlanAsync("starter");
        var invitee = await api.SignUpAsync();
        var id = (await InviteAsync(owner, slug, invitee.Email)).GetProperty("id").GetString()!;
        await api.Execute($"UPDATE subscription SET status = 'canceled' WHERE reference_id = (SELECT id FROM organization WHERE slug = '{slug}')");

        using var accept = await api.PostAsync($"/api/invitations/{id}/accept", invitee);

        await ApiClient.ExpectProblemAsync(accept, HttpStatusCode.Forbidden);
        Assert.Equal(0, await api.CountAsync($"SELECT count(*) FROM member WHERE user_id = '{invitee.Id}'"));
    }

    [Fact]
    public async Task InvitingAMemberOrAnAlreadyInvitedEmailIsAConflict()
    {
        var (owner, slug) = await OrganizationOnPlanAsync("pro");
        var member = await api.SignUpAsync();
        await api.AddMemberAsync(slug, member, "member");
        var email = ApiClient.UniqueEmail();
        await InviteAsync(owner, slug, email);

        using var inviteMember = await api.PostAsync($"/api/organizations/{slug}/invitations", owner, new { email = member.Email, role = "member" });
        using var inviteAgain = await api.PostAsync($"/api/organizations/{slug}/invitations", owner, new { email, role = "admin" });

        await ApiClient.ExpectProblemAsync(inviteMember, HttpStatusCode.Conflict);
        await ApiClient.ExpectProblemAsync(inviteAgain, HttpStatusCode.Conflict);
        Assert.Equal("member", Assert.Single(await Infrastructure.Database.RowsAsync(api.Db, $"SELECT role FROM invitation WHERE email = '{email}'")));
    }

    [Fact]
    public async Task OnlyAnOwnerInvitesAnOwner()
    {
        var (owner, slug) = await OrganizationOnPlanAsync("pro");
        var admin = await api.SignUpAsync();
        await api.AddMemberAsync(slug, admin, "admin");

        using var byAdmin = await api.PostAsync($"/api/organizations/{slug}/invitations", admin, new { email = ApiClient.UniqueEmail(), role = "owner" });

        await ApiClient.ExpectProblemAsync(byAdmin, HttpStatusCode.Forbidden);
        Assert.Equal("owner", (await InviteAsync(owner, slug, ApiClient.UniqueEmail(), "owner")).GetProperty("role").GetString());
    }
}
