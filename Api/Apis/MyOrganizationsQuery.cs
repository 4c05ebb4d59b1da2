using Api.Apis.Contracts;
using Api.Data;
using Api.Data.QueryCache;
using Microsoft.EntityFrameworkCore;

namespace Api.Apis;

/// <summary>
/// The caller's organizations, compiled once as a <see cref="CachedQuery"/> list: read on every page of the app, and
/// on a cache hit the same list goes back without EF Core building a command. Keyed by the caller: no one gets another
/// user's list.
/// </summary>
public static class MyOrganizationsQuery
{
    private static readonly Func<CachedDbContext, string, CancellationToken, Task<IReadOnlyList<MyOrganization>>> List =
        CachedQuery.CompileList((CachedDbContext db, string userId) => db.Members
            .AsNoTracking()
            .Where(member => member.UserId == userId)
            .OrderBy(member => member.Organization.Name)
            .ThenBy(member => member.Organization.Slug)
            .Select(member => new MyOrganization(
                member.Organization.Id,
                member.Organization.Name,
                member.Organization.Slug,
                member.Organization.Logo,
                member.Role)));

    public static Task<IReadOnlyList<MyOrganization>> ListAsync(CachedDbContext db, string userId, CancellationToken cancellationToken) =>
        List(db, userId, cancellationToken);
}
