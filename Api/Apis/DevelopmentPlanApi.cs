using Api.Apis.Contracts;
using Api.Auth;
using Api.Billing;
using Api.Data;
using Api.OpenApi;
using Api.Problems;
using Db.Schema;
using Microsoft.EntityFrameworkCore;

namespace Api.Apis;

/// <summary>
/// Puts an organization on a plan without a billing provider, so invitations and member limits can be tried in
/// development. Mapped in every environment, so that elsewhere it answers with one line saying why not instead of a
/// bare 404; there, plans come only from subscriptions the billing provider writes.
/// </summary>
public static class DevelopmentPlanApi
{
    public static IEndpointRouteBuilder MapDevelopmentPlanApi(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/organizations/{slug}/plan", SetPlan).WithName("setOrganizationPlan")
            .WithSummary("Development only: put an organization on a plan without a billing provider (owners)")
            .WithTags(ApiDocumentInfo.Billing).RequireAuthorization()
            .WithProblems(400, 401, 403, 404, 413, 415);
        return app;
    }

    public static async Task<Results<Ok<SubscriptionResponse>, ProblemHttpResult>> SetPlan(
        string slug,
        SetPlanRequest request,
        SignedInUser me,
        DirectDbContext db,
        IHostEnvironment environment,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (!environment.IsDevelopment())
        {
            return Problem.Forbidden(
                $"Setting a plan directly works only in Development; this API runs as {environment.EnvironmentName}, where plans come from the billing provider.");
        }

        var (membership, denied) = await OrganizationAccess.CheckAsync(db, slug, me, OrganizationRoles.Owners, "change its plan", cancellationToken);
        if (denied is not null)
        {
            return denied;
        }

        if (Plans.TryFind(request.Plan) is not { } plan)
        {
            return Problem.Invalid("plan", $"Give one of: {string.Join(", ", Plans.All.Select(p => p.Name))}.");
        }

        var organizationId = membership!.OrganizationId;
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await OrganizationLock.LockAsync(db, organizationId, cancellationToken);

        // The plan in force ends, as a cancellation through the billing provider would end it; free is no subscription.
        await db.Subscriptions
            .Where(s => s.ReferenceId == organizationId && Plans.CountingStatuses.Contains(s.Status))
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(s => s.Status, "canceled")
                    .SetProperty(s => s.CanceledAt, now)
                    .SetProperty(s => s.EndedAt, now)
                    .SetProperty(s => s.UpdatedAt, now),
                cancellationToken);
        if (plan != Plans.Free)
        {
            db.Subscriptions.Add(new Subscription { Plan = plan.Name, ReferenceId = organizationId, Status = Plans.ActiveStatus, PeriodStart = now });
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(new SubscriptionResponse(organizationId, plan.Name, plan == Plans.Free ? null : Plans.ActiveStatus, plan.Limits));
    }
}
