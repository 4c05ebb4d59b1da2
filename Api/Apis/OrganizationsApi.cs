using Api.Apis.Contracts;
using Api.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Api.Apis;

public static class OrganizationsApi
{
    public static IEndpointRouteBuilder MapOrganizationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/organizations").WithTags("Organizations");

        api.MapGet("/{slug}", GetOrganizationProfile);

        return app;
    }

    // A public page that changes rarely: the cached handle is the right one.
    public static async Task<Results<Ok<OrganizationProfile>, ValidationProblem, ProblemHttpResult>> GetOrganizationProfile(
        string slug,
        CachedDbContext db,
        CancellationToken cancellationToken)
    {
        if (!OrganizationSlug.IsValid(slug))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [nameof(slug)] =
                [
                    $"A slug is at most {OrganizationSlug.MaxLength} lowercase letters, digits and single hyphens, " +
                    "starting and ending with a letter or digit.",
                ],
            });
        }

        var profile = await db.Organizations
            .AsNoTracking()
            .Where(organization => organization.Slug == slug)
            .Select(organization => new OrganizationProfile(
                organization.Name,
                organization.Slug,
                organization.Logo,
                organization.Members.Count))
            .SingleOrDefaultAsync(cancellationToken);

        return profile is null
            ? TypedResults.Problem($"No organization has the slug '{slug}'.", statusCode: StatusCodes.Status404NotFound)
            : TypedResults.Ok(profile);
    }
}
