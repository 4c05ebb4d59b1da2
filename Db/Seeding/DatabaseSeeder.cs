using Db.Schema;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Db.Seeding;

/// <summary>
/// Inserts the example users and the demo organization. Every insert is keyed on a unique column and does
/// nothing on conflict, so running it again, or twice at once, never duplicates a row or overwrites edits.
/// </summary>
/// <remarks>
/// Plain SQL in one batch and one transaction: a single round trip, all-or-nothing, and no EF Core model to build
/// on the migration worker's start (it runs on every AppHost start, on the critical path to the API).
/// </remarks>
public static class DatabaseSeeder
{
    public static async Task SeedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, transaction);
        AddUsers(batch);
        AddDemoOrganization(batch);
        await batch.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>For callers holding a context: seeds over its connection, opened for the call if it was closed.</summary>
    public static async Task SeedAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await SeedAsync((NpgsqlConnection)db.Database.GetDbConnection(), cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static void AddUsers(NpgsqlBatch batch)
    {
        foreach (var user in ExampleUsers.All)
        {
            Add(batch,
                """
                INSERT INTO "user" (id, name, email, email_verified)
                VALUES ($1, $2, $3, $4)
                ON CONFLICT (email) DO NOTHING
                """,
                PrefixedId.New(User.IdPrefix), user.Name, user.Email, user.EmailVerified);
        }
    }

    private static void AddDemoOrganization(NpgsqlBatch batch)
    {
        Add(batch,
            """
            INSERT INTO organization (id, name, slug)
            VALUES ($1, $2, $3)
            ON CONFLICT (slug) DO NOTHING
            """,
            PrefixedId.New(Organization.IdPrefix), DemoOrganization.Name, DemoOrganization.Slug);

        foreach (var member in DemoOrganization.Members)
        {
            // Looks both ids up by their unique keys, so it works whether this run or an earlier one inserted them.
            Add(batch,
                """
                INSERT INTO member (id, user_id, organization_id, role)
                SELECT $1, u.id, o.id, $2
                FROM "user" u CROSS JOIN organization o
                WHERE u.email = $3 AND o.slug = $4
                ON CONFLICT (user_id, organization_id) DO NOTHING
                """,
                PrefixedId.New(Member.IdPrefix), member.Role, member.Email, DemoOrganization.Slug);
        }
    }

    private static void Add(NpgsqlBatch batch, string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        batch.BatchCommands.Add(command);
    }
}
