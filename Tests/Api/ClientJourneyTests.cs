using Microsoft.Kiota.Abstractions.Serialization;
using SaasApi.Client.Models;
using Tests.Infrastructure;

namespace Tests.Api;

/// <summary>
/// The main journeys through the client Kiota generates from the committed document, as a .NET consumer would write
/// them: if the document could not express a journey, these would not compile or would fail.
/// </summary>
public sealed class ClientJourneyTests(SharedApp shared)
{
    private readonly ApiClient api = new(shared);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnOwnerCreatesAnOrganizationMovesItToStarterAndInvitesSomeoneWhoJoins()
    {
        var ownerEmail = ApiClient.UniqueEmail();
        var inviteeEmail = ApiClient.UniqueEmail();
        var slug = ApiClient.UniqueSlug("journey");

        var signedUp = await api.Client().Api.Auth.SignUp.PostAsync(
            new SignUpRequest { Name = "Olivia Owner", Email = ownerEmail, Password = ApiClient.Password }, cancellationToken: Cancellation);
        var owner = GeneratedClient.As(api.Http, signedUp!.Token!);
        var created = await owner.Api.Organizations.PostAsync(new CreateOrganizationRequest { Name = "Journey Co", Slug = slug }, cancellationToken: Cancellation);
        var plan = await owner.Api.Organizations[slug].Plan.PutAsync(new SetPlanRequest { Plan = "starter" }, cancellationToken: Cancellation);
        var invitation = await owner.Api.Organizations[slug].Invitations.PostAsync(
            new CreateInvitationRequest { Email = inviteeEmail, Role = "admin" }, cancellationToken: Cancellation);
        await api.Client().Api.Auth.SignUp.PostAsync(
            new SignUpRequest { Name = "Ivan Invitee", Email = inviteeEmail, Password = ApiClient.Password }, cancellationToken: Cancellation);
        var signedIn = await api.Client().Api.Auth.SignIn.PostAsync(
            new SignInRequest { Email = inviteeEmail, Password = ApiClient.Password }, cancellationToken: Cancellation);
        var invitee = GeneratedClient.As(api.Http, signedIn!.Token!);
        var pending = await invitee.Api.Invitations.GetAsync(cancellationToken: Cancellation);
        var membership = await invitee.Api.Invitations[invitation!.Id!].Accept.PostAsync(cancellationToken: Cancellation);
        var members = await owner.Api.Organizations[slug].Members.GetAsync(cancellationToken: Cancellation);
        var organizations = await invitee.Api.Organizations.GetAsync(cancellationToken: Cancellation);

        Assert.Equal(ownerEmail, signedUp.User!.Email);
        Assert.Equal(slug, created!.Slug);
        Assert.Equal(("starter", "active", 5), (plan!.Plan, plan.Status, plan.Limits!.Members));
        Assert.Equal(("pending", "Olivia Owner", "Journey Co"), (invitation.Status, invitation.InviterName, invitation.OrganizationName));
        Assert.Equal(invitation.Id, Assert.Single(pending!).Id);
        Assert.Equal((slug, "admin"), (membership!.OrganizationSlug, membership.Role));
        Assert.Equal(
            new[] { $"{ownerEmail}|owner", $"{inviteeEmail}|admin" }.Order(StringComparer.Ordinal),
            members!.Select(m => $"{m.Email}|{m.Role}").Order(StringComparer.Ordinal));
        Assert.Equal((slug, "admin"), (Assert.Single(organizations!).Slug, organizations![0].Role));
    }

    [Fact]
    public async Task SignInGivesASecondSessionForTheSameUserAndSignOutEndsOnlyIt()
    {
        var user = await api.SignUpAsync();

        var signedIn = await api.Client().Api.Auth.SignIn.PostAsync(new SignInRequest { Email = user.Email, Password = ApiClient.Password }, cancellationToken: Cancellation);
        var second = GeneratedClient.As(api.Http, signedIn!.Token!);
        var session = await second.Api.Auth.Session.GetAsync(cancellationToken: Cancellation);
        await second.Api.Auth.SignOut.PostAsync(cancellationToken: Cancellation);
        var afterSignOut = await Assert.ThrowsAsync<ProblemDetails>(() => second.Api.Users.Me.GetAsync(cancellationToken: Cancellation));
        var first = await api.Client(user).Api.Users.Me.GetAsync(cancellationToken: Cancellation);

        Assert.NotEqual(user.Token, signedIn.Token);
        Assert.Equal(user.Id, session!.User!.Id);
        Assert.Equal(401, afterSignOut.Status);
        Assert.Equal(user.Email, first!.Email);
    }

    [Fact]
    public async Task ProblemsArriveAsTypedExceptionsWithTheirDetailAndFieldErrors()
    {
        var owner = await api.SignUpAsync();
        var slug = await api.CreateOrganizationAsync(owner);

        var taken = await Assert.ThrowsAsync<ProblemDetails>(() => api.Client().Api.Auth.SignUp.PostAsync(
            new SignUpRequest { Name = "Again", Email = owner.Email, Password = ApiClient.Password }, cancellationToken: Cancellation));
        var invalid = await Assert.ThrowsAsync<HttpValidationProblemDetails>(() => api.Client(owner).Api.Organizations.PostAsync(
            new CreateOrganizationRequest { Name = "Bad", Slug = "Not A Slug" }, cancellationToken: Cancellation));
        var full = await Assert.ThrowsAsync<ProblemDetails>(() => api.Client(owner).Api.Organizations[slug].Invitations.PostAsync(
            new CreateInvitationRequest { Email = ApiClient.UniqueEmail(), Role = "member" }, cancellationToken: Cancellation));

        Assert.Equal((409, "An account with this email already exists. Sign in instead."), (taken.Status, taken.Detail));
        Assert.Equal(400, invalid.Status);
        var slugErrors = Assert.IsType<UntypedArray>(invalid.Errors!.AdditionalData["slug"]).GetValue();
        Assert.Contains("lowercase", Assert.IsType<UntypedString>(Assert.Single(slugErrors)).GetValue(), StringComparison.Ordinal);
        Assert.Equal(403, full.Status);
        Assert.StartsWith("The free plan allows 1 member(s)", full.Detail, StringComparison.Ordinal);
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", full.TraceId);
    }
}
