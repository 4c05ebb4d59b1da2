using System.Text.Json;
using SaasApi.Client.Models;
using Tests.Infrastructure;

namespace Tests.Api;

/// <summary>Inviting, accepting and rejecting, through the generated client; the cached list's test reads the raw response for its header.</summary>
public sealed class InvitationTests(SharedApp shared)
{
    private readonly ApiClient api = new(shared);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private async Task<(TestUser Owner, string Slug)> OrganizationOnPlanAsync(string plan)
    {
        var owner = await api.SignUpAsync(name: "Inviter");
        var slug = await api.CreateOrganizationAsync(owner);
        await api.SubscribeOrganizationAsync(slug, plan);
        return (owner, slug);
    }

    private Task<InvitationResponse?> InviteAsync(TestUser by, string slug, string email, string role = "member") =>
        api.Client(by).Api.Organizations[slug].Invitations.PostAsync(new CreateInvitationRequest { Email = email, Role = role }, cancellationToken: Cancellation);

    private Task<List<InvitationResponse>?> ListAsync(TestUser user) => api.Client(user).Api.Invitations.GetAsync(cancellationToken: Cancellation);

    private Task<MembershipResponse?> AcceptAsync(TestUser user, string id) => api.Client(user).Api.Invitations[id].Accept.PostAsync(cancellationToken: Cancellation);

    private Task RejectAsync(TestUser user, string id) => api.Client(user).Api.Invitations[id].Reject.PostAsync(cancellationToken: Cancellation);

    [Fact]
    public async Task AnInviteeSeesTheInvitationAcceptsItAndBecomesAMemberWithItsRole()
    {
        var (owner, slug) = await OrganizationOnPlanAsync("starter");
        var invitee = await api.SignUpAsync();

        var invitation = (await InviteAsync(owner, slug, invitee.Email.ToUpperInvariant(), "admin"))!;
        var id = invitation.Id!;
        Assert.Matches("^inv_[0-9a-z]{16}$", id);
        Assert.Equal("pending", invitation.Status);
        Assert.InRange(invitation.ExpiresAt!.Value, DateTimeOffset.UtcNow.AddDays(6.9), DateTimeOffset.UtcNow.AddDays(7.1));

        var listed = Assert.Single((await ListAsync(invitee))!);
        Assert.Equal((id, slug, "Inviter"), (listed.Id, listed.OrganizationSlug, listed.InviterName));

        var membership = await AcceptAsync(invitee, id);
        Assert.Equal("admin", membership!.Role);

        var organization = Assert.Single((await api.Client(invitee).Api.Organizations.GetAsync(cancellationToken: Cancellation))!);
        Assert.Equal("admin", organization.Role);
        Assert.Equal("accepted|True", Assert.Single(await Infrastructure.Database.RowsAsync(api.Db, $"SELECT status, accepted_at IS NOT NULL FROM invitation WHERE id = '{id}'")));
        var twice = await Assert.ThrowsAsync<ProblemDetails>(() => AcceptAsync(invitee, id));
        Assert.Equal(409, twice.Status);
    }

    [Fact]
    public async Task ARejectedInvitationGivesNoMembershipAndCanBeRenewed()
    {
        var (owner, slug) = await OrganizationOnPlanAsync("starter");
        var invitee = await api.SignUpAsync();
        var id = (await InviteAsync(owner, slug, invitee.Email))!.Id!;

        await RejectAsync(invitee, id);

        Assert.Equal(0, await api.CountAsync($"SELECT count(*) FROM member WHERE user_id = '{invitee.Id}'"));
        Assert.Empty((await ListAsync(invitee))!);
        var renewed = (await InviteAsync(owner, slug, invitee.Email))!;
        Assert.Equal((id, "pending"), (renewed.Id, renewed.Status));
    }

    [Fact]
    public async Task TheInvitationListServedFromTheCacheFollowsARejection()
    {
        var (owner, slug) = await OrganizationOnPlanAsync("starter");
        var invitee = await api.SignUpAsync();
        var id = (await InviteAsync(owner, slug, invitee.Email))!.Id!;

        static List<string> Ids(JsonElement invitations) => [.. invitations.EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];

        // Raw reads: how the cache served them is a response header.
        var served = await api.GetUntilCacheHitAsync("/api/invitations", invitee);
        Assert.Equal("hit", served.Cache);
        Assert.Equal([id], Ids(served.Body));

        await RejectAsync(invitee, id);

        Assert.Empty(Ids((await api.GetServedAsync("/api/invitations", invitee)).Body));
    }

    [Fact]
    public async Task SomeoneElsesInvitationCannotBeSeenAcceptedOrRejected()
    {
        var (owner, slug) = await OrganizationOnPlanAsync("starter");
        var invitee = await api.SignUpAsync();
        var intruder = await api.SignUpAsync();
        var id = (await InviteAsync(owner, slug, invitee.Email))!.Id!;

        var listed = await ListAsync(intruder);
        var accept = await Assert.ThrowsAsync<ProblemDetails>(() => AcceptAsync(intruder, id));
        var reject = await Assert.ThrowsAsync<ProblemDetails>(() => RejectAsync(intruder, id));

        Assert.Empty(listed!);
        Assert.Equal((404, 404), (accept.Status, reject.Status));
        Assert.Equal("pending", Assert.Single(await Infrastructure.Database.RowsAsync(api.Db, $"SELECT status FROM invitation WHERE id = '{id}'")));
        Assert.Equal(0, await api.CountAsync($"SELECT count(*) FROM member WHERE user_id = '{intruder.Id}'"));
    }

    [Fact]
    public async Task AnExpiredInvitationIsNotListedCannotBeAcceptedAndCanBeRenewed()
    {
        var (owner, slug) = await OrganizationOnPlanAsync("starter");
        var invitee = await api.SignUpAsync();
        var id = (await InviteAsync(owner, slug, invitee.Email))!.Id!;
        await api.Execute($"UPDATE invitation SET expires_at = now() - interval '1 minute' WHERE id = '{id}'");

        var listed = await ListAsync(invitee);
        var accept = await Assert.ThrowsAsync<ProblemDetails>(() => AcceptAsync(invitee, id));

        Assert.Empty(listed!);
        Assert.Equal(409, accept.Status);
        Assert.Contains("expired", accept.Detail, StringComparison.Ordinal);
        Assert.Equal(0, await api.CountAsync($"SELECT count(*) FROM member WHERE user_id = '{invitee.Id}'"));
        Assert.Equal("pending", (await InviteAsync(owner, slug, invitee.Email))!.Status);
    }

    [Fact]
    public async Task TheFreePlanAllowsNoInvitationBeyondItsOneMember()
    {
        var owner = await api.SignUpAsync();
        var slug = await api.CreateOrganizationAsync(owner);
        var email = ApiClient.UniqueEmail();

        var problem = await Assert.ThrowsAsync<ProblemDetails>(() => InviteAsync(owner, slug, email));

        Assert.Equal(403, problem.Status);
        Assert.Contains("free plan allows 1", problem.Detail, StringComparison.Ordinal);
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

        var sixth = await Assert.ThrowsAsync<ProblemDetails>(() => InviteAsync(owner, slug, ApiClient.UniqueEmail()));

        Assert.Equal(403, sixth.Status);
        Assert.Contains("starter plan allows 5", sixth.Detail, StringComparison.Ordinal);
        Assert.Equal(3, await api.CountAsync($"SELECT count(*) FROM invitation i JOIN organization o ON o.id = i.organization_id WHERE o.slug = '{slug}'"));
    }

    [Fact]
    public async Task AcceptingIsRefusedWhenThePlanWasDowngradedMeanwhile()
    {
        var (owner, slug) = await OrganizationOnPlanAsync("starter");
        var invitee = await api.SignUpAsync();
        var id = (await InviteAsync(owner, slug, invitee.Email))!.Id!;
        await api.Execute($"UPDATE subscription SET status = 'canceled' WHERE reference_id = (SELECT id FROM organization WHERE slug = '{slug}')");

        var accept = await Assert.ThrowsAsync<ProblemDetails>(() => AcceptAsync(invitee, id));

        Assert.Equal(403, accept.Status);
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

        var inviteMember = await Assert.ThrowsAsync<ProblemDetails>(() => InviteAsync(owner, slug, member.Email));
        var inviteAgain = await Assert.ThrowsAsync<ProblemDetails>(() => InviteAsync(owner, slug, email, "admin"));

        Assert.Equal((409, 409), (inviteMember.Status, inviteAgain.Status));
        Assert.Equal("member", Assert.Single(await Infrastructure.Database.RowsAsync(api.Db, $"SELECT role FROM invitation WHERE email = '{email}'")));
    }

    [Fact]
    public async Task OnlyAnOwnerInvitesAnOwner()
    {
        var (owner, slug) = await OrganizationOnPlanAsync("pro");
        var admin = await api.SignUpAsync();
        await api.AddMemberAsync(slug, admin, "admin");

        var byAdmin = await Assert.ThrowsAsync<ProblemDetails>(() => InviteAsync(admin, slug, ApiClient.UniqueEmail(), "owner"));

        Assert.Equal(403, byAdmin.Status);
        Assert.Equal("owner", (await InviteAsync(owner, slug, ApiClient.UniqueEmail(), "owner"))!.Role);
    }
}
