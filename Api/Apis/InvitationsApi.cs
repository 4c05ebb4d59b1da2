using Api.Apis.Contracts;
using Api.Auth;
using Api.Billing;
using Api.Data;
using Api.OpenApi;
using Api.Problems;
using Db;
using Db.Schema;
using Microsoft.EntityFrameworkCore;

namespace Api.Apis;

/// <summary>
/// Invitations. Creating, accepting and rejecting check permissions, plan limits and the invitation's state on
/// the direct handle and write there, under the organization's row lock; the caller's list of invitations
/// reads the cached handle.
/// </summary>
public static class InvitationsApi
{
    public const string Pending = "pending";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";

    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    public static IEndpointRouteBuilder MapInvitationsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/organizations/{slug}/invitations", Invite).WithName("createInvitation")
            .WithSummary("Invite someone by email to an organization (owners and admins, within the plan's member limit)")
            .WithTags(ApiDocumentInfo.Invitations).RequireAuthorization()
            .WithProblems(400, 401, 403, 404, 409, 413, 415);

        var api = app.MapGroup("/api/invitations").WithTags(ApiDocumentInfo.Invitations).RequireAuthorization();
        api.MapGet("/", ListMyInvitations).WithName("listMyInvitations").WithSummary("The pending invitations addressed to the caller's email").WithProblems(401);
        api.MapPost("/{invitationId}/accept", Accept).WithName("acceptInvitation").WithSummary("Accept an invitation and join the organization").WithProblems(400, 401, 403, 404, 409);
        api.MapPost("/{invitationId}/reject", Reject).WithName("rejectInvitation").WithSummary("Decline an invitation").WithProblems(400, 401, 404, 409);

        return app;
    }

    public static async Task<Results<Created<InvitationResponse>, ProblemHttpResult>> Invite(
        string slug,
        CreateInvitationRequest request,
        SignedInUser me,
        DirectDbContext db,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (membership, denied) = await OrganizationAccess.CheckAsync(db, slug, me, OrganizationRoles.Managers, "invite", cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var errors = new ValidationErrors();
        var email = FieldRules.Email(errors, "email", request.Email);
        FieldRules.Role(errors, "role", request.Role);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        if (request.Role == OrganizationRoles.Owner && membership!.Role != OrganizationRoles.Owner)
        {
            return Problem.Forbidden("Only an owner can invite an owner.");
        }

        var organizationId = membership!.OrganizationId;
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await OrganizationLock.LockAsync(db, organizationId, cancellationToken);

        if (await db.Members.AnyAsync(member => member.OrganizationId == organizationId && member.User.Email == email, cancellationToken))
        {
            return Problem.Conflict($"{email} is already a member of '{slug}'.");
        }

        var existing = await db.Invitations.SingleOrDefaultAsync(i => i.OrganizationId == organizationId && i.Email == email, cancellationToken);
        if (existing is { Status: Pending } && existing.ExpiresAt > now)
        {
            return Problem.Conflict($"{email} already has a pending invitation to '{slug}', valid until {existing.ExpiresAt:u}.");
        }

        var plan = await Plans.OfAsync(db, organizationId, cancellationToken);
        var members = await db.Members.CountAsync(member => member.OrganizationId == organizationId, cancellationToken);
        var pending = await db.Invitations.CountAsync(
            i => i.OrganizationId == organizationId && i.Status == Pending && i.ExpiresAt > now, cancellationToken);
        if (members + pending >= plan.Limits.Members)
        {
            return Problem.Forbidden(
                $"The {plan.Name} plan allows {plan.Limits.Members} member(s); '{slug}' has {members} and {pending} pending invitation(s). " +
                "Upgrade the plan, or remove a member first.");
        }

        // An expired, accepted or rejected invitation to the same address is renewed rather than duplicated
        // (one row per organization and email).
        var invitation = existing ?? db.Invitations.Add(new Invitation
        {
            Email = email!,
            OrganizationId = organizationId,
            Role = request.Role,
            ExpiresAt = now + Lifetime,
        }).Entity;
        invitation.InviterId = me.Id;
        invitation.Role = request.Role;
        invitation.Status = Pending;
        invitation.ExpiresAt = now + Lifetime;
        invitation.AcceptedAt = null;
        invitation.RejectedAt = null;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var organizationName = await db.Organizations.Where(o => o.Id == organizationId).Select(o => o.Name).SingleAsync(cancellationToken);
        return TypedResults.Created(
            $"/api/invitations/{invitation.Id}",
            new InvitationResponse(invitation.Id, invitation.Email, invitation.Role, invitation.Status, invitation.ExpiresAt, slug, organizationName, me.Name));
    }

    // A list read: the cached handle. Expiry is filtered here rather than in SQL so the query stays the same
    // from one request to the next.
    public static async Task<Ok<List<InvitationResponse>>> ListMyInvitations(
        SignedInUser me,
        CachedDbContext db,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var invitations = await MyInvitationsQuery.ListAsync(db, me.Email, cancellationToken);

        var now = clock.GetUtcNow();
        return TypedResults.Ok(invitations.Where(i => i.ExpiresAt > now).ToList());
    }

    public static async Task<Results<Ok<MembershipResponse>, ProblemHttpResult>> Accept(
        string invitationId,
        SignedInUser me,
        DirectDbContext db,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (invitation, problem) = await FindPendingAsync(db, invitationId, me, clock, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        await OrganizationLock.LockAsync(db, invitation!.OrganizationId, cancellationToken);
        var plan = await Plans.OfAsync(db, invitation.OrganizationId, cancellationToken);
        var members = await db.Members.CountAsync(member => member.OrganizationId == invitation.OrganizationId, cancellationToken);
        if (members >= plan.Limits.Members)
        {
            return Problem.Forbidden(
                $"The organization's {plan.Name} plan allows {plan.Limits.Members} member(s) and has {members}. Ask its owner to upgrade.");
        }

        invitation.Status = Accepted;
        invitation.AcceptedAt = clock.GetUtcNow();
        db.Members.Add(new Member { UserId = me.Id, OrganizationId = invitation.OrganizationId, Role = invitation.Role });

        // Already a member (ix_member_user_id_organization_id, 23505) answers 409 and changes nothing.
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var slug = await db.Organizations.Where(o => o.Id == invitation.OrganizationId).Select(o => o.Slug).SingleAsync(cancellationToken);
        return TypedResults.Ok(new MembershipResponse(slug, invitation.Role));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Reject(
        string invitationId,
        SignedInUser me,
        DirectDbContext db,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var (invitation, problem) = await FindPendingAsync(db, invitationId, me, clock, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        invitation!.Status = Rejected;
        invitation.RejectedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    // Someone else's invitation is "not found", never "forbidden": its existence is not the caller's business.
    private static async Task<(Invitation? Invitation, ProblemHttpResult? Problem)> FindPendingAsync(
        DirectDbContext db, string invitationId, SignedInUser me, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!PrefixedId.IsValid(invitationId, Invitation.IdPrefix))
        {
            return (null, Problem.Invalid(nameof(invitationId), $"Give an invitation id such as {Invitation.IdPrefix}_0123456789abcdef."));
        }

        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == invitationId && i.Email == me.Email, cancellationToken);
        if (invitation is null)
        {
            return (null, Problem.NotFound($"No invitation {invitationId} is addressed to you."));
        }

        if (invitation.Status != Pending)
        {
            return (null, Problem.Conflict($"This invitation was already {invitation.Status}."));
        }

        if (invitation.ExpiresAt <= clock.GetUtcNow())
        {
            return (null, Problem.Conflict($"This invitation expired at {invitation.ExpiresAt:u}. Ask for a new one."));
        }

        return (invitation, null);
    }
}
