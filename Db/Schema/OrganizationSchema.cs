using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Db.Schema;

[Table("organization")]
public class Organization : Entity
{
    public const string IdPrefix = "org";

    public required string Name { get; set; }
    public required string Slug { get; set; }
    public string? Logo { get; set; }

    /// <summary>JSON, stored as text as the original kit does.</summary>
    public string? Metadata { get; set; }

    public string? StripeCustomerId { get; set; }

    public List<Member> Members { get; } = [];
    public List<Invitation> Invitations { get; } = [];
}

[Table("member")]
public class Member : Entity
{
    public const string IdPrefix = "mem";

    public string UserId { get; set; } = null!;
    public User User { get; set; } = null!;
    public string OrganizationId { get; set; } = null!;
    public Organization Organization { get; set; } = null!;
    public required string Role { get; set; }
}

[Table("invitation")]
public class Invitation : Entity
{
    public const string IdPrefix = "inv";

    public required string Email { get; set; }
    public string InviterId { get; set; } = null!;
    public User Inviter { get; set; } = null!;
    public string OrganizationId { get; set; } = null!;
    public Organization Organization { get; set; } = null!;
    public required string Role { get; set; }
    public string Status { get; set; } = "pending";
    public required DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public DateTimeOffset? RejectedAt { get; set; }
}

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> builder)
    {
        builder.MapEntity(Organization.IdPrefix);
        builder.HasIndex(o => o.Slug).IsUnique();
    }
}

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> builder)
    {
        builder.MapEntity(Member.IdPrefix);
        builder.HasOne(m => m.User).WithMany(u => u.Memberships).HasForeignKey(m => m.UserId).CascadeOnDelete();
        builder.HasOne(m => m.Organization).WithMany(o => o.Members).HasForeignKey(m => m.OrganizationId).CascadeOnDelete();
        builder.HasIndex(m => new { m.UserId, m.OrganizationId }).IsUnique();
        builder.HasIndex(m => m.UserId);
        builder.HasIndex(m => m.OrganizationId);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.MapEntity(Invitation.IdPrefix);
        builder.HasOne(i => i.Inviter).WithMany().HasForeignKey(i => i.InviterId).CascadeOnDelete();
        builder.HasOne(i => i.Organization).WithMany(o => o.Invitations).HasForeignKey(i => i.OrganizationId).CascadeOnDelete();
        builder.Property(i => i.Status).HasDefaultValue("pending");
        builder.HasIndex(i => new { i.OrganizationId, i.Email }).IsUnique();
        builder.HasIndex(i => i.Email);
        builder.HasIndex(i => i.InviterId);
        builder.HasIndex(i => i.OrganizationId);
    }
}
