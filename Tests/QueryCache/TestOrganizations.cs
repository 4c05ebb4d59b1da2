using Db.Schema;
using Microsoft.EntityFrameworkCore;

namespace Tests.QueryCache;

/// <summary>Rows made behind the application's back (a plain context on the database), each test its own.</summary>
internal static class TestOrganizations
{
    public static string NewSlug() => $"qc-{Guid.NewGuid():N}"[..24];

    public static async Task<Organization> CreateAsync(string connectionString, string name = "Cache Test", int members = 0)
    {
        await using var db = Infrastructure.Database.Context(connectionString);
        var organization = new Organization { Name = name, Slug = NewSlug() };
        db.Organizations.Add(organization);
        for (var i = 0; i < members; i++)
        {
            var user = new User { Name = $"Member {i}", Email = $"{Guid.NewGuid():N}@query-cache-tests.invalid" };
            db.Users.Add(user);
            db.Members.Add(new Member { User = user, Organization = organization, Role = "member" });
        }

        await db.SaveChangesAsync();
        return organization;
    }

    public static async Task RenameBehindTheAppsBackAsync(string connectionString, string slug, string name)
    {
        await using var db = Infrastructure.Database.Context(connectionString);
        await db.Organizations.Where(o => o.Slug == slug).ExecuteUpdateAsync(set => set.SetProperty(o => o.Name, name));
    }
}
