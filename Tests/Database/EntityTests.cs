using Db.Schema;
using Microsoft.EntityFrameworkCore;
using Tests.Infrastructure;

namespace Tests.Database;

/// <summary>What the model does on save: prefixed ids, timestamps, cascades, unique emails.</summary>
public sealed class EntityTests(SharedApp shared)
{
    private string Db => shared.DatabaseConnectionString;

    private static string UniqueEmail() => $"{Guid.NewGuid():N}@entity-tests.invalid";

    [Fact]
    public async Task AddedEntitiesGetAPrefixedIdAtOnce()
    {
        await using var db = Infrastructure.Database.Context(Db);
        var user = new User { Name = "Id Test", Email = UniqueEmail() };
        var organization = new Organization { Name = "Id Test", Slug = $"id-{Guid.NewGuid():N}"[..20] };

        db.Users.Add(user);
        db.Organizations.Add(organization);

        Assert.Matches("^usr_[0-9a-z]{16}$", user.Id);
        Assert.Matches("^org_[0-9a-z]{16}$", organization.Id);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        Assert.Equal(user.Id, await db.Users.Where(u => u.Email == user.Email).Select(u => u.Id).SingleAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task TimestampsAreSetOnInsertAndUpdatedAtMovesOnUpdate()
    {
        await using var db = Infrastructure.Database.Context(Db);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var user = new User { Name = "Before", Email = UniqueEmail() };
        db.Users.Add(user);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        var created = user.CreatedAt;
        var firstUpdate = user.UpdatedAt;
        await Task.Delay(20, TestContext.Current.CancellationToken);

        user.Name = "After";
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        await using var fresh = Infrastructure.Database.Context(Db);
        var stored = await fresh.Users.SingleAsync(u => u.Id == user.Id, TestContext.Current.CancellationToken);

        Assert.True(created >= before);
        Assert.True((stored.CreatedAt - created).Duration() < TimeSpan.FromMilliseconds(1), "created_at changed on update");
        Assert.True(stored.UpdatedAt > firstUpdate, "updated_at did not move on update");
        Assert.Equal("After", stored.Name);
    }

    [Fact]
    public async Task DeletingAUserDeletesItsSessionsIdentitiesAndMemberships()
    {
        await using var db = Infrastructure.Database.Context(Db);
        var user = new User { Name = "Cascade", Email = UniqueEmail() };
        var organization = new Organization { Name = "Cascade", Slug = $"cascade-{Guid.NewGuid():N}"[..24] };
        db.AddRange(
            user,
            organization,
            new Session { User = user, Token = Guid.NewGuid().ToString("N"), ExpiresAt = DateTimeOffset.UtcNow.AddDays(1) },
            new Identity { User = user, ProviderId = "credential", AccountId = user.Email },
            new Member { User = user, Organization = organization, Role = "owner" });
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        await db.Users.Where(u => u.Id == user.Id).ExecuteDeleteAsync(TestContext.Current.CancellationToken);

        Assert.False(await db.Sessions.AnyAsync(s => s.UserId == user.Id, TestContext.Current.CancellationToken));
        Assert.False(await db.Identities.AnyAsync(i => i.UserId == user.Id, TestContext.Current.CancellationToken));
        Assert.False(await db.Members.AnyAsync(m => m.UserId == user.Id, TestContext.Current.CancellationToken));
        Assert.True(await db.Organizations.AnyAsync(o => o.Id == organization.Id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ASecondUserWithTheSameEmailIsRefused()
    {
        var email = UniqueEmail();
        await using (var db = Infrastructure.Database.Context(Db))
        {
            db.Users.Add(new User { Name = "First", Email = email });
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var second = Infrastructure.Database.Context(Db);
        second.Users.Add(new User { Name = "Second", Email = email });
        var error = await Assert.ThrowsAsync<DbUpdateException>(() => second.SaveChangesAsync(TestContext.Current.CancellationToken));
        Assert.Equal(Npgsql.PostgresErrorCodes.UniqueViolation, Assert.IsType<Npgsql.PostgresException>(error.InnerException).SqlState);
    }

    [Fact]
    public async Task BooleanDefaultsApplyAndExplicitValuesAreKept()
    {
        await using var db = Infrastructure.Database.Context(Db);
        var plain = new User { Name = "Plain", Email = UniqueEmail() };
        var verified = new User { Name = "Verified", Email = UniqueEmail(), EmailVerified = true, IsAnonymous = true };
        db.Users.AddRange(plain, verified);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);

        var rows = await Infrastructure.Database.RowsAsync(Db,
            $"SELECT email_verified, is_anonymous FROM \"user\" WHERE id IN ('{plain.Id}', '{verified.Id}') ORDER BY name");

        Assert.Equal(["False|False", "True|True"], rows);
    }
}
