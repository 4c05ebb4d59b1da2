namespace Db.Seeding;

/// <summary>How much the seed adds; the callers choose it from the environment, so only development gets a way in.</summary>
public enum SeedKind
{
    /// <summary>
    /// The example users, without passwords, and the demo organization on the free plan: the most staging or prod
    /// ever gets (nobody can sign in as an example user there).
    /// </summary>
    ExampleData,

    /// <summary>
    /// Development: also the demo password (<see cref="DemoSignIn.Password"/>) for every example user, and the demo
    /// organization on the <see cref="DemoOrganization.Plan"/> plan, so invitations work without a billing provider.
    /// </summary>
    DevelopmentDemo,
}
