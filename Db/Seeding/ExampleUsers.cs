namespace Db.Seeding;

internal sealed record ExampleUser(string Name, string Email, bool EmailVerified);

/// <summary>The ten users the original kit seeds; Charlie, Frank and Ivy have not verified their email.</summary>
internal static class ExampleUsers
{
    public static readonly IReadOnlyList<ExampleUser> All =
    [
        new("Alice Johnson", "alice@example.com", EmailVerified: true),
        new("Bob Smith", "bob@example.com", EmailVerified: true),
        new("Charlie Brown", "charlie@example.com", EmailVerified: false),
        new("Diana Prince", "diana@example.com", EmailVerified: true),
        new("Eve Davis", "eve@example.com", EmailVerified: true),
        new("Frank Miller", "frank@example.com", EmailVerified: false),
        new("Grace Lee", "grace@example.com", EmailVerified: true),
        new("Henry Wilson", "henry@example.com", EmailVerified: true),
        new("Ivy Chen", "ivy@example.com", EmailVerified: false),
        new("Jack Thompson", "jack@example.com", EmailVerified: true),
    ];
}
