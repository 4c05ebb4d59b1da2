using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Db.Schema;

[Table("user")]
public class User : Entity
{
    public const string IdPrefix = "usr";

    public required string Name { get; set; }
    public required string Email { get; set; }
    public bool EmailVerified { get; set; }
    public string? Image { get; set; }
    public bool IsAnonymous { get; set; }
    public string? StripeCustomerId { get; set; }

    public List<Session> Sessions { get; } = [];
    public List<Identity> Identities { get; } = [];
    public List<Member> Memberships { get; } = [];
    public List<Passkey> Passkeys { get; } = [];
}

[Table("session")]
public class Session : Entity
{
    public const string IdPrefix = "ses";

    public required DateTimeOffset ExpiresAt { get; set; }
    public required string Token { get; set; }
    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }
    public string UserId { get; set; } = null!;
    public User User { get; set; } = null!;

    /// <summary>Not a foreign key: the organization may be deleted while the session lives on.</summary>
    public string? ActiveOrganizationId { get; set; }
}

/// <summary>An auth account: a provider and the user's account there; for provider <c>credential</c>, <see cref="Password"/> holds the hash.</summary>
[Table("identity")]
public class Identity : Entity
{
    public const string IdPrefix = "idn";

    public required string AccountId { get; set; }
    public required string ProviderId { get; set; }
    public string UserId { get; set; } = null!;
    public User User { get; set; } = null!;
    public string? AccessToken { get; set; }
    public string? RefreshToken { get; set; }
    public string? IdToken { get; set; }
    public DateTimeOffset? AccessTokenExpiresAt { get; set; }
    public DateTimeOffset? RefreshTokenExpiresAt { get; set; }
    public string? Scope { get; set; }
    public string? Password { get; set; }
}

[Table("verification")]
public class Verification : Entity
{
    public const string IdPrefix = "vfy";

    public required string Identifier { get; set; }
    public required string Value { get; set; }
    public required DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.MapEntity(User.IdPrefix);
        builder.Property(u => u.EmailVerified).HasDefaultValue(false);
        builder.Property(u => u.IsAnonymous).HasDefaultValue(false);
        builder.HasIndex(u => u.Email).IsUnique();
    }
}

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.MapEntity(Session.IdPrefix);
        builder.HasOne(s => s.User).WithMany(u => u.Sessions).HasForeignKey(s => s.UserId).CascadeOnDelete();
        builder.HasIndex(s => s.Token).IsUnique();
        builder.HasIndex(s => s.UserId);
        builder.HasIndex(s => s.ActiveOrganizationId);
    }
}

internal sealed class IdentityConfiguration : IEntityTypeConfiguration<Identity>
{
    public void Configure(EntityTypeBuilder<Identity> builder)
    {
        builder.MapEntity(Identity.IdPrefix);
        builder.HasOne(i => i.User).WithMany(u => u.Identities).HasForeignKey(i => i.UserId).CascadeOnDelete();
        builder.HasIndex(i => new { i.ProviderId, i.AccountId }).IsUnique();
        builder.HasIndex(i => i.UserId);
    }
}

internal sealed class VerificationConfiguration : IEntityTypeConfiguration<Verification>
{
    public void Configure(EntityTypeBuilder<Verification> builder)
    {
        builder.MapEntity(Verification.IdPrefix);
        builder.HasIndex(v => new { v.Identifier, v.Value }).IsUnique();
        builder.HasIndex(v => v.Identifier);
        builder.HasIndex(v => v.Value);
        builder.HasIndex(v => v.ExpiresAt);
    }
}
