using Api.Apis;
using Api.Data;
using Api.Problems;
using Microsoft.EntityFrameworkCore;

namespace Api.Auth;

/// <summary>The caller's membership in an organization, once it is known to allow the action.</summary>
internal sealed record Membership(string OrganizationId, string Slug, string Role);

// Permission checks read the direct handle: a member just removed or a role just changed must take effect
// on the next request, not when a cache entry expires.
internal static class OrganizationAccess
{
    /// <summary>400 for a malformed slug, 404 for no such organization, 403 for a stranger or a too-small role.</summary>
    public static async Task<(Membership? Granted, ProblemHttpResult? Denied)> CheckAsync(
        DirectDbContext db, string slug, SignedInUser user, IReadOnlySet<string> roles, string action, CancellationToken cancellationToken, string field = "slug")
    {
        if (!OrganizationSlug.IsValid(slug))
        {
            return (null, Problem.Invalid(field, OrganizationSlug.Rule));
        }

        var found = await db.Organizations
            .AsNoTracking()
            .Where(organization => organization.Slug == slug)
            .Select(organization => new
            {
                organization.Id,
                Role = organization.Members.Where(member => member.UserId == user.Id).Select(member => member.Role).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);

        if (found is null)
        {
            return (null, Problem.NotFound($"No organization has the slug '{slug}'."));
        }

        if (found.Role is null)
        {
            return (null, Problem.Forbidden($"You are not a member of '{slug}'."));
        }

        if (!roles.Contains(found.Role))
        {
            return (null, Problem.Forbidden($"Only {string.Join(" or ", roles.Order(StringComparer.Ordinal))} of '{slug}' can {action}; you are {found.Role}."));
        }

        return (new Membership(found.Id, slug, found.Role), null);
    }
}
