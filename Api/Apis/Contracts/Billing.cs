using Api.Billing;

namespace Api.Apis.Contracts;

/// <summary>The plan in force for a user or an organization; <c>status</c> is null on the free plan.</summary>
public sealed record SubscriptionResponse(string ReferenceId, string Plan, string? Status, PlanLimits Limits);
