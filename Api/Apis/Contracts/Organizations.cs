namespace Api.Apis.Contracts;

public sealed record CreateOrganizationRequest(string Name, string Slug);

/// <summary>Fields left out are unchanged; <c>logo: ""</c> removes the logo.</summary>
public sealed record UpdateOrganizationRequest(string? Name = null, string? Slug = null, string? Logo = null);

public sealed record OrganizationResponse(string Id, string Name, string Slug, string? Logo, DateTimeOffset CreatedAt);

/// <summary>An organization of the caller's, with the caller's role there.</summary>
public sealed record MyOrganization(string Id, string Name, string Slug, string? Logo, string Role);

public sealed record MemberResponse(string UserId, string Name, string Email, string? Image, string Role, DateTimeOffset JoinedAt);
