namespace Api.Apis.Contracts;

// What anyone may see of an organization: no billing or metadata.
public sealed record OrganizationProfile(string Name, string Slug, string? Logo, int MemberCount);
