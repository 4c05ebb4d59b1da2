using Db.Schema;
using Microsoft.EntityFrameworkCore;

namespace Db.Seeding;

/// <summary>
/// Inserts the example users and the demo organization. Every insert is keyed on a unique column and does
/// nothing on conflict, so running it again, or twice at once, never duplicates a row or overwrites edits.
/// </summary>
public static class DatabaseSeeder
{
    public static Task SeedAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);

        // The execution strategy lets callers configure retries; the transaction makes the seed all-or-nothing.
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await InsertUsersAsync(db, cancellationToken);
            await InsertDemoOrganizationAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }

    private static async Task InsertUsersAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        foreach (var user in ExampleUsers.All)
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO "user" (id, name, email, email_verified)
                VALUES ({PrefixedId.New(User.IdPrefix)}, {user.Name}, {user.Email}, {user.EmailVerified})
                ON CONFLICT (email) DO NOTHING
                """,
                cancellationToken);
        }
    }

    private static async Task InsertDemoOrganizationAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO organization (id, name, slug)
            VALUES ({PrefixedId.New(Organization.IdPrefix)}, {DemoOrganization.Name}, {DemoOrganization.Slug})
            ON CONFLICT (slug) DO NOTHING
            """,
            cancellationToken);

        foreach (var member in DemoOrganization.Members)
        {
            // Looks both ids up by their unique keys, so it works whether this run or an earlier one inserted them.
            await db.Database.ExecuteSqlAsync(
                $"""
                INSERT INTO member (id, user_id, organization_id, role)
                SELECT {PrefixedId.New(Member.IdPrefix)}, u.id, o.id, {member.Role}
                FROM "user" u CROSS JOIN organization o
                WHERE u.email = {member.Email} AND o.slug = {DemoOrganization.Slug}
                ON CONFLICT (user_id, organization_id) DO NOTHING
                """,
                cancellationToken);
        }
    }
}
