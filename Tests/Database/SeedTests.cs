using System.Net;
using Db.Seeding;
using Tests.Api;
using Tests.Infrastructure;

namespace Tests.Database;

public sealed class SeedTests(SharedApp shared)
{
    private string Db => shared.DatabaseConnectionString;

    [Fact]
    public async Task TheTenExampleUsersAreSeededWithCharlieFrankAndIvyUnverified()
    {
        var users = await Infrastructure.Database.RowsAsync(Db,
            "SELECT name, email, email_verified FROM \"user\" WHERE email LIKE '%@example.com' ORDER BY email");

        Assert.Equal(
        [
            "Alice Johnson|alice@example.com|True", "Bob Smith|bob@example.com|True", "Charlie Brown|charlie@example.com|False",
            "Diana Prince|diana@example.com|True", "Eve Davis|eve@example.com|True", "Frank Miller|frank@example.com|False",
            "Grace Lee|grace@example.com|True", "Henry Wilson|henry@example.com|True", "Ivy Chen|ivy@example.com|False",
            "Jack Thompson|jack@example.com|True",
        ], users);
        Assert.All(await Infrastructure.Database.RowsAsync(Db, "SELECT id FROM \"user\" WHERE email LIKE '%@example.com'"),
            id => Assert.Matches("^usr_[0-9a-z]{16}$", id));
    }

    [Fact]
    public async Task TheDemoOrganizationHasAnOwnerAnAdminAndAMember()
    {
        var members = await Infrastructure.Database.RowsAsync(Db, """
            SELECT o.name, u.email, m.role FROM member m
            JOIN organization o ON o.id = m.organization_id JOIN "user" u ON u.id = m.user_id
            WHERE o.slug = 'acme-demo' ORDER BY u.email
            """);

        Assert.Equal(["Acme Demo|alice@example.com|owner", "Acme Demo|bob@example.com|admin", "Acme Demo|charlie@example.com|member"], members);
    }

    [Fact]
    public async Task InDevelopmentAliceSignsInWithTheDemoPasswordAndCanInviteToTheDemoOrganization()
    {
        var api = new ApiClient(shared);

        using var signIn = await api.PostAsync("/api/auth/sign-in", body: new { email = DemoSignIn.OwnerEmail, password = DemoSignIn.Password });

        var session = await ApiClient.ExpectJsonAsync(signIn, HttpStatusCode.OK);
        var alice = new TestUser(session.GetProperty("user").GetProperty("id").GetString()!, "Alice Johnson", DemoSignIn.OwnerEmail, session.GetProperty("token").GetString()!);
        using var plan = await api.GetAsync("/api/billing/subscription?organization=acme-demo", alice);
        Assert.Equal("starter", (await ApiClient.ExpectJsonAsync(plan, HttpStatusCode.OK)).GetProperty("plan").GetString());
        using var invited = await api.PostAsync("/api/organizations/acme-demo/invitations", alice, new { email = ApiClient.UniqueEmail(), role = "member" });
        await ApiClient.ExpectJsonAsync(invited, HttpStatusCode.Created);
    }
}
