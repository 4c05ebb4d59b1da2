namespace Db.Seeding;

/// <summary>
/// How to sign in as an example user in development (docs/development-data.md). Public on purpose: the seed writes it
/// only with <see cref="SeedKind.DevelopmentDemo"/>, which staging and prod never use.
/// </summary>
public static class DemoSignIn
{
    public const string Password = "demo-password";

    /// <summary>The demo organization's owner: the account to try the product with.</summary>
    public const string OwnerEmail = "alice@example.com";

    /// <summary>What the seed prints or logs once it has given the example users their password.</summary>
    public static string Hint =>
        $"Demo sign-in (development only): {OwnerEmail}, owner of '{DemoOrganization.Slug}', or any example user, with the password '{Password}'.";
}
