using Api.Apis.Contracts;
using Api.Data;
using Api.Data.QueryCache;
using Microsoft.EntityFrameworkCore;

namespace Api.Apis;

/// <summary>
/// The pending invitations sent to an address, oldest first, compiled once as a <see cref="CachedQuery"/> list: on a
/// cache hit the same read-only list goes back without EF Core building a command. Keyed by the caller's address: no
/// one gets another user's invitations. Expired ones are left in (the query must not read the clock to stay
/// cacheable); the endpoint drops them.
/// </summary>
public static class MyInvitationsQuery
{
    private static readonly Func<CachedDbContext, string, CancellationToken, Task<IReadOnlyList<InvitationResponse>>> List =
        CachedQuery.CompileList((CachedDbContext db, string email) => db.Invitations
            .AsNoTracking()
            .Where(invitation => invitation.Email == email && invitation.Status == InvitationsApi.Pending)
            .OrderBy(invitation => invitation.CreatedAt)
            .Select(invitation => new InvitationResponse(
                invitation.Id,
                invitation.Email,
                invitation.Role,
                invitation.Status,
                invitation.ExpiresAt,
                invitation.Organization.Slug,
                invitation.Organization.Name,
                invitation.Inviter.Name)));

    public static Task<IReadOnlyList<InvitationResponse>> ListAsync(CachedDbContext db, string email, CancellationToken cancellationToken) =>
        List(db, email, cancellationToken);
}
