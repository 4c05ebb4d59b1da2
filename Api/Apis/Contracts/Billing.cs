using Api.Billing;

namespace Api.Apis.Contracts;

/// <summary>The plan in force for a user or an organization; <c>status</c> is null on the free plan.</summary>
public sealed record SubscriptionResponse(string ReferenceId, string Plan, string? Status, PlanLimits Limits);

/// <summary>Development only: the plan to put an organization on, without a billing provider.</summary>
public sealed record SetPlanRequest(string Plan);
