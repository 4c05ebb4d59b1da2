using Api.Apis.Contracts;
using Api.Data.QueryCache;
using Db;
using Microsoft.EntityFrameworkCore;

namespace Api.Apis;

/// <summary>
/// The public profile's query, compiled once: the hottest read of the API, and on a cache hit EF Core's LINQ
/// pipeline (building the expression tree, extracting its parameters, finding the compiled query) cost more than the
/// cache itself. Compiled as a <see cref="CachedQuery"/>: on the cached handle, a fresh hit hands back the profile
/// materialized before, without EF Core building a command. One compiled query per handle type, because each handle
/// has its own model.
/// </summary>
public static class OrganizationProfileQuery
{
    public static Task<OrganizationProfile?> FindAsync<TContext>(TContext db, string slug, CancellationToken cancellationToken)
        where TContext : AppDbContext =>
        Compiled<TContext>.Find(db, slug, cancellationToken);

    private static class Compiled<TContext>
        where TContext : AppDbContext
    {
        public static readonly Func<TContext, string, CancellationToken, Task<OrganizationProfile?>> Find =
            CachedQuery.Compile((TContext db, string slug, CancellationToken _) => db.Organizations
                .AsNoTracking()
                .Where(organization => organization.Slug == slug)
                .Select(organization => new OrganizationProfile(
                    organization.Name,
                    organization.Slug,
                    organization.Logo,
                    organization.Members.Count))
                .SingleOrDefault());
    }
}
