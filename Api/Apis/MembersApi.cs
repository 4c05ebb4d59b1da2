using Api.Apis.Contracts;
using Api.Auth;
using Api.Data;
using Api.OpenApi;
using Api.Problems;
using Db;
using Db.Schema;
using Microsoft.EntityFrameworkCore;

namespace Api.Apis;

/// <summary>
/// An organization's members. The permission check reads the direct handle, the member list the cached one;
/// removal is a write on the direct handle under the organization's row lock.
/// </summary>
public static class MembersApi
{
    public static IEndpointRouteBuilder MapMembersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/organizations/{slug}/members").WithTags(ApiDocumentInfo.Organizations).RequireAuthorization();

        api.MapGet("/", ListMembers).WithName("listMembers").WithSummary("An organization's members (members only)").WithProblems(400, 401, 403, 404);
        api.MapDelete("/{userId}", RemoveMember).WithName("removeMember").WithSummary("Remove a member (owners and admins; an owner only by an owner)").WithProblems(400, 401, 403, 404, 409);

        return app;
    }

    public static async Task<Results<Ok<IReadOnlyList<MemberResponse>>, ProblemHttpResult>> ListMembers(
        string slug,
        SignedInUser me,
        DirectDbContext direct,
        CachedDbContext cached,
        CancellationToken cancellationToken)
    {
        var (membership, denied) = await OrganizationAccess.CheckAsync(direct, slug, me, OrganizationRoles.Anyone, "see its members", cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        return TypedResults.Ok(await MembersQuery.ListAsync(cached, membership!.OrganizationId, cancellationToken));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveMember(
        string slug,
        string userId,
        SignedInUser me,
        DirectDbContext db,
        CancellationToken cancellationToken)
    {
        if (!PrefixedId.IsValid(userId, User.IdPrefix))
        {
            return Problem.Invalid(nameof(userId), $"Give a user id such as {User.IdPrefix}_0123456789abcdef.");
        }

        var (membership, denied) = await OrganizationAccess.CheckAsync(db, slug, me, OrganizationRoles.Managers, "remove members", cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await OrganizationLock.LockAsync(db, membership!.OrganizationId, cancellationToken);

        var target = await db.Members
            .Where(member => member.OrganizationId == membership.OrganizationId && member.UserId == userId)
            .SingleOrDefaultAsync(cancellationToken);
        if (target is null)
        {
            return Problem.NotFound($"User {userId} is not a member of '{slug}'.");
        }

        if (target.Role == OrganizationRoles.Owner)
        {
            if (membership.Role != OrganizationRoles.Owner)
            {
                return Problem.Forbidden("Only an owner can remove an owner.");
            }

            var owners = await db.Members.CountAsync(
                member => member.OrganizationId == membership.OrganizationId && member.Role == OrganizationRoles.Owner,
                cancellationToken);
            if (owners == 1)
            {
                return Problem.Conflict($"This is the last owner of '{slug}'. Invite a co-owner first (an invitation with role owner), or delete the organization.");
            }
        }

        db.Members.Remove(target);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
