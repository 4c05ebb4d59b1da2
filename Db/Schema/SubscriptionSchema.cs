using System.ComponentModel.DataAnnotations.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Db.Schema;

[Table("subscription")]
public class Subscription : Entity
{
    public const string IdPrefix = "sub";

    public required string Plan { get; set; }

    /// <summary>A user id or an organization id, hence no foreign key.</summary>
    public required string ReferenceId { get; set; }

    public string? StripeCustomerId { get; set; }
    public string? StripeSubscriptionId { get; set; }
    public string Status { get; set; } = "incomplete";
    public DateTimeOffset? PeriodStart { get; set; }
    public DateTimeOffset? PeriodEnd { get; set; }
    public DateTimeOffset? TrialStart { get; set; }
    public DateTimeOffset? TrialEnd { get; set; }
    public bool? CancelAtPeriodEnd { get; set; }
    public DateTimeOffset? CancelAt { get; set; }
    public DateTimeOffset? CanceledAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }
    public int? Seats { get; set; }
    public string? BillingInterval { get; set; }
    public string? GroupId { get; set; }
}

internal sealed class SubscriptionConfiguration : IEntityTypeConfiguration<Subscription>
{
    public void Configure(EntityTypeBuilder<Subscription> builder)
    {
        builder.MapEntity(Subscription.IdPrefix);
        builder.Property(s => s.Status).HasDefaultValue("incomplete");
        builder.Property(s => s.CancelAtPeriodEnd).HasDefaultValue(false);
        builder.HasIndex(s => s.StripeSubscriptionId).IsUnique();
        builder.HasIndex(s => s.ReferenceId);
        builder.HasIndex(s => s.StripeCustomerId);
    }
}
