using Api.Apis.Contracts;
using Api.Auth;
using Api.Billing;
using Api.Data;
using Api.OpenApi;
using Microsoft.EntityFrameworkCore;

namespace Api.Apis;

/// <summary>
/// The plan in force. Read on the direct handle: subscriptions are written outside this API (payment
/// webhooks, an operator's SQL), so no write of ours would tell a cache to forget them, and they decide limits.
/// </summary>
public static class BillingApi
{
    public static IEndpointRouteBuilder MapBillingApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/billing/subscription", GetSubscription).WithName("getSubscription")
            .WithSummary("The plan in force for the caller, or for one of the caller's organizations")
            .WithTags(ApiDocumentInfo.Billing).RequireAuthorization()
            .WithProblems(400, 401, 403, 404);
        return app;
    }

    /// <param name="organization">An organization's slug (members only); without it, the caller's own subscription.</param>
    public static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> GetSubscription(
        string? organization,
        SignedInUser me,
        DirectDbContext db,
        CancellationToken cancellationToken)
    {
        var referenceId = me.Id;
        if (organization is not null)
        {
            var (membership, denied) = await OrganizationAccess.CheckAsync(
                db, organization, me, OrganizationRoles.Anyone, "see its subscription", cancellationToken, nameof(organization));
            if (denied is not null)
            {
                return denied;
            }

            referenceId = membership!.OrganizationId;
        }

        var current = await Plans.CurrentSubscriptionAsync(db, referenceId, cancellationToken);
        var plan = current is null ? Plans.Free : Plans.Find(current.Plan);
        return TypedResults.Ok(new SubscriptionResponse(referenceId, plan.Name, current?.Status, plan.Limits));
    }
}
