namespace Api.Apis.Contracts;

public sealed record CreateInvitationRequest(string Email, string Role);

public sealed record InvitationResponse(
    string Id,
    string Email,
    string Role,
    string Status,
    DateTimeOffset ExpiresAt,
    string OrganizationSlug,
    string OrganizationName,
    string InviterName);

/// <summary>The membership an accepted invitation gave.</summary>
public sealed record MembershipResponse(string OrganizationSlug, string Role);
