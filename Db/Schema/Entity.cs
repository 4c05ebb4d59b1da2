namespace Db.Schema;

/// <summary>What every table has: an application-generated prefixed id and the two timestamps.</summary>
public abstract class Entity
{
    /// <summary>Generated when the entity is added to a context; an id set beforehand is kept.</summary>
    public string Id { get; set; } = null!;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
