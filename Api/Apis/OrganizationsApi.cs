using Api.Apis.Contracts;
using Api.Auth;
using Api.Data;
using Api.OpenApi;
using Api.Problems;
using Db.Schema;
using Microsoft.EntityFrameworkCore;

namespace Api.Apis;

/// <summary>
/// Organizations. The public profile and the caller's list read the cached handle; permission checks
/// (OrganizationAccess) and the writes, with the reads that return what was just written, use the direct one.
/// </summary>
public static class OrganizationsApi
{
    public static IEndpointRouteBuilder MapOrganizationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/organizations").WithTags(ApiDocumentInfo.Organizations);

        api.MapGet("/{slug}", GetOrganizationProfile).WithName("getOrganizationProfile").WithSummary("An organization's public profile").WithProblems(400, 404);
        api.MapGet("/", ListMyOrganizations).WithName("listMyOrganizations").WithSummary("The organizations the caller belongs to, with the caller's role").RequireAuthorization().WithProblems(401);
        api.MapPost("/", CreateOrganization).WithName("createOrganization").WithSummary("Create an organization, owned by the caller").RequireAuthorization().WithProblems(400, 401, 409, 413, 415);
        api.MapPatch("/{slug}", UpdateOrganization).WithName("updateOrganization").WithSummary("Change an organization's name, slug or logo (owners and admins)").RequireAuthorization().WithProblems(400, 401, 403, 404, 409, 413, 415);
        api.MapDelete("/{slug}", DeleteOrganization).WithName("deleteOrganization").WithSummary("Delete an organization with its members and invitations (owners)").RequireAuthorization().WithProblems(400, 401, 403, 404);

        return app;
    }

    // A public page that changes rarely: the cached handle is the right one.
    public static async Task<Results<Ok<OrganizationProfile>, ProblemHttpResult>> GetOrganizationProfile(
        string slug,
        CachedDbContext db,
        CancellationToken cancellationToken)
    {
        if (!OrganizationSlug.IsValid(slug))
        {
            return Problem.Invalid(nameof(slug), OrganizationSlug.Rule);
        }

        var profile = await OrganizationProfileQuery.FindAsync(db, slug, cancellationToken);

        return profile is null
            ? Problem.NotFound($"No organization has the slug '{slug}'.")
            : TypedResults.Ok(profile);
    }

    // A list read: the cached handle.
    public static async Task<Ok<IReadOnlyList<MyOrganization>>> ListMyOrganizations(
        SignedInUser me,
        CachedDbContext db,
        CancellationToken cancellationToken) =>
        TypedResults.Ok(await MyOrganizationsQuery.ListAsync(db, me.Id, cancellationToken));

    public static async Task<Results<Created<OrganizationResponse>, ProblemHttpResult>> CreateOrganization(
        CreateOrganizationRequest request,
        SignedInUser me,
        DirectDbContext db,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var name = FieldRules.Name(errors, "name", request.Name);
        FieldRules.Slug(errors, "slug", request.Slug);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var organization = new Organization { Name = name!, Slug = request.Slug };
        db.Organizations.Add(organization);
        db.Members.Add(new Member { UserId = me.Id, OrganizationId = organization.Id, Role = OrganizationRoles.Owner });

        // A taken slug (ix_organization_slug, 23505) answers 409 and leaves neither row.
        await db.SaveChangesAsync(cancellationToken);

        return TypedResults.Created($"/api/organizations/{organization.Slug}", ToResponse(organization));
    }

    public static async Task<Results<Ok<OrganizationResponse>, ProblemHttpResult>> UpdateOrganization(
        string slug,
        UpdateOrganizationRequest request,
        SignedInUser me,
        DirectDbContext db,
        CancellationToken cancellationToken)
    {
        var (membership, denied) = await OrganizationAccess.CheckAsync(db, slug, me, OrganizationRoles.Managers, "change it", cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        var errors = new ValidationErrors();
        if (request is { Name: null, Slug: null, Logo: null })
        {
            errors.Add("$", "Send name, slug, logo or several of them.");
        }

        var name = request.Name is null ? null : FieldRules.Name(errors, "name", request.Name);
        if (request.Slug is not null)
        {
            FieldRules.Slug(errors, "slug", request.Slug);
        }

        var logo = request.Logo is null ? null : FieldRules.OptionalUrl(errors, "logo", request.Logo);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var organization = await db.Organizations.SingleAsync(o => o.Id == membership!.OrganizationId, cancellationToken);
        organization.Name = name ?? organization.Name;
        organization.Slug = request.Slug ?? organization.Slug;
        organization.Logo = logo is null ? organization.Logo : logo.Length == 0 ? null : logo;

        // A slug another organization has (23505) answers 409.
        await db.SaveChangesAsync(cancellationToken);

        return TypedResults.Ok(ToResponse(organization));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteOrganization(
        string slug,
        SignedInUser me,
        DirectDbContext db,
        CancellationToken cancellationToken)
    {
        var (membership, denied) = await OrganizationAccess.CheckAsync(db, slug, me, OrganizationRoles.Owners, "delete it", cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        // Members and invitations go with it (ON DELETE CASCADE).
        await db.Organizations.Where(o => o.Id == membership!.OrganizationId).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static OrganizationResponse ToResponse(Organization organization) =>
        new(organization.Id, organization.Name, organization.Slug, organization.Logo, organization.CreatedAt);
}
