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
}
