using Db;
using Microsoft.EntityFrameworkCore;

namespace Api.Billing;

public sealed record PlanLimits(int Members);

public sealed record Plan(string Name, PlanLimits Limits);

internal sealed record ActiveSubscription(string Plan, string Status);

// The plans and their limits. A subscription to a plan name this API does not know gets the free limits.
internal static class Plans
{
    public static readonly Plan Free = new("free", new PlanLimits(Members: 1));
    public static readonly Plan Starter = new("starter", new PlanLimits(Members: 5));
    public static readonly Plan Pro = new("pro", new PlanLimits(Members: 50));

    public static readonly IReadOnlyList<Plan> All = [Free, Starter, Pro];

    public const string ActiveStatus = "active";

    public static readonly string[] CountingStatuses = [ActiveStatus, "trialing"];

    public static Plan Find(string name) => TryFind(name) ?? Free;

    public static Plan? TryFind(string name) =>
        All.FirstOrDefault(plan => string.Equals(plan.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The newest active or trialing subscription of a user or organization id; null for none (the free plan).</summary>
    public static Task<ActiveSubscription?> CurrentSubscriptionAsync(AppDbContext db, string referenceId, CancellationToken cancellationToken) =>
        db.Subscriptions
            .AsNoTracking()
            .Where(subscription => subscription.ReferenceId == referenceId && CountingStatuses.Contains(subscription.Status))
            .OrderByDescending(subscription => subscription.CreatedAt)
            .Select(subscription => new ActiveSubscription(subscription.Plan, subscription.Status))
            .FirstOrDefaultAsync(cancellationToken);

    public static async Task<Plan> OfAsync(AppDbContext db, string referenceId, CancellationToken cancellationToken) =>
        await CurrentSubscriptionAsync(db, referenceId, cancellationToken) is { } current ? Find(current.Plan) : Free;
}
