using Api.Apis.Contracts;
using Api.Data;
using Api.Data.QueryCache;
using Microsoft.EntityFrameworkCore;

namespace Api.Apis;

/// <summary>
/// An organization's members, oldest first, compiled once as a <see cref="CachedQuery"/> list: on a cache hit the same
/// read-only list goes back without EF Core building a command. Keyed by the organization; the endpoint checks the
/// caller's membership before asking.
/// </summary>
public static class MembersQuery
{
    private static readonly Func<CachedDbContext, string, CancellationToken, Task<IReadOnlyList<MemberResponse>>> List =
        CachedQuery.CompileList((CachedDbContext db, string organizationId) => db.Members
            .AsNoTracking()
            .Where(member => member.OrganizationId == organizationId)
            .OrderBy(member => member.CreatedAt)
            .ThenBy(member => member.Id)
            .Select(member => new MemberResponse(
                member.UserId,
                member.User.Name,
                member.User.Email,
                member.User.Image,
                member.Role,
                member.CreatedAt)));

    public static Task<IReadOnlyList<MemberResponse>> ListAsync(CachedDbContext db, string organizationId, CancellationToken cancellationToken) =>
        List(db, organizationId, cancellationToken);
}
