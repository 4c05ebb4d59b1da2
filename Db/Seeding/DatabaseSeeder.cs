using Db.Credentials;
using Db.Schema;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Db.Seeding;

/// <summary>
/// Inserts the example users and the demo organization, and in development their demo password and the demo
/// organization's plan (<see cref="SeedKind"/>). Every insert is keyed on a unique column, or on the row's absence,
/// and does nothing on conflict, so running it again never duplicates a row or overwrites edits. Callers hold the
/// migration lock, so two seeds never interleave.
/// </summary>
/// <remarks>
/// Plain SQL in one batch and one transaction: a single round trip, all-or-nothing, and no EF Core model to build
/// on the migration worker's start (it runs on every AppHost start, on the critical path to the API).
/// </remarks>
public static class DatabaseSeeder
{
    public static async Task SeedAsync(NpgsqlConnection connection, SeedKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var batch = new NpgsqlBatch(connection, transaction))
        {
            AddUsers(batch);
            AddDemoOrganization(batch);
            if (kind == SeedKind.DevelopmentDemo)
            {
                AddDemoPlan(batch);
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
        }

        if (kind == SeedKind.DevelopmentDemo)
        {
            await AddDemoPasswordsAsync(connection, transaction, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>For callers holding a context: seeds over its connection, opened for the call if it was closed.</summary>
    public static async Task SeedAsync(AppDbContext db, SeedKind kind, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await SeedAsync((NpgsqlConnection)db.Database.GetDbConnection(), kind, cancellationToken);
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

    // Only when the organization has never had a subscription: a plan changed since (PUT .../plan) is left alone.
    private static void AddDemoPlan(NpgsqlBatch batch) =>
        Add(batch,
            """
            INSERT INTO subscription (id, plan, reference_id, status)
            SELECT $1, $2, o.id, 'active' FROM organization o
            WHERE o.slug = $3 AND NOT EXISTS (SELECT 1 FROM subscription s WHERE s.reference_id = o.id)
            """,
            PrefixedId.New(Subscription.IdPrefix), DemoOrganization.Plan, DemoOrganization.Slug);

    // The hash is made only when an example user lacks a password: a PBKDF2 hash costs tens of milliseconds of CPU,
    // and the worker seeds on every start of the AppHost, on the path to the API. One hash for all: the salt is the
    // same, but so is the password, which is public anyway.
    private static async Task AddDemoPasswordsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var emails = ExampleUsers.All.Select(user => user.Email).ToArray();
        await using (var missing = new NpgsqlCommand(
            """
            SELECT count(*) FROM "user" u
            WHERE u.email = ANY($1)
              AND NOT EXISTS (SELECT 1 FROM identity i WHERE i.user_id = u.id AND i.provider_id = $2)
            """, connection, transaction))
        {
            missing.Parameters.Add(new NpgsqlParameter { Value = emails });
            missing.Parameters.Add(new NpgsqlParameter { Value = CredentialPasswords.ProviderId });
            if ((long)(await missing.ExecuteScalarAsync(cancellationToken))! == 0)
            {
                return;
            }
        }

        var hash = CredentialPasswords.Hash(DemoSignIn.Password);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var email in emails)
        {
            Add(batch,
                """
                INSERT INTO identity (id, account_id, provider_id, user_id, password)
                SELECT $1, u.id, $2, u.id, $3 FROM "user" u WHERE u.email = $4
                ON CONFLICT (provider_id, account_id) DO NOTHING
                """,
                PrefixedId.New(Identity.IdPrefix), CredentialPasswords.ProviderId, hash, email);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
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
