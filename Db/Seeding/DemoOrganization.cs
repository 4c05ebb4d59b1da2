namespace Db.Seeding;

internal sealed record DemoMember(string Email, string Role);

/// <summary>Ours, not the original kit's: an organization so the members and roles features have data.</summary>
internal static class DemoOrganization
{
    public const string Name = "Acme Demo";
    public const string Slug = "acme-demo";

    /// <summary>In development only (<see cref="SeedKind.DevelopmentDemo"/>): five members, so its owner can invite two more.</summary>
    public const string Plan = "starter";

    public static readonly IReadOnlyList<DemoMember> Members =
    [
        new("alice@example.com", "owner"),
        new("bob@example.com", "admin"),
        new("charlie@example.com", "member"),
    ];
}
