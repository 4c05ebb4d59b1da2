namespace Db.Seeding;

internal sealed record DemoMember(string Email, string Role);

/// <summary>Ours, not the original kit's: an organization so the members and roles features have data.</summary>
internal static class DemoOrganization
{
    public const string Name = "Acme Demo";
    public const string Slug = "acme-demo";

    public static readonly IReadOnlyList<DemoMember> Members =
    [
        new("alice@example.com", "owner"),
        new("bob@example.com", "admin"),
        new("charlie@example.com", "member"),
    ];
}
