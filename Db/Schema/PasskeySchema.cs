using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Db.Schema;

[Table("passkey")]
public class Passkey : Entity
{
    public const string IdPrefix = "pky";

    public string? Name { get; set; }
    public required string PublicKey { get; set; }
    public string UserId { get; set; } = null!;
    public User User { get; set; } = null!;
    public required string CredentialId { get; set; }
    public int Counter { get; set; }
    public required string DeviceType { get; set; }
    public required bool BackedUp { get; set; }
    public string? Transports { get; set; }
    public string? Aaguid { get; set; }
    public DateTimeOffset? LastUsedAt { get; set; }
    public string? DeviceName { get; set; }
    public string? Platform { get; set; }
}

internal sealed class PasskeyConfiguration : IEntityTypeConfiguration<Passkey>
{
    public void Configure(EntityTypeBuilder<Passkey> builder)
    {
        builder.MapEntity(Passkey.IdPrefix);
        builder.HasOne(p => p.User).WithMany(u => u.Passkeys).HasForeignKey(p => p.UserId).CascadeOnDelete();
        builder.Property(p => p.Counter).HasDefaultValue(0);
        builder.HasIndex(p => p.CredentialId).IsUnique();
        builder.HasIndex(p => p.UserId);
    }
}
