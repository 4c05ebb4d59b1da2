namespace MigrationService.Drift;

/// <summary>A table as both the model and the live catalog can describe it, so the two can be compared.</summary>
internal sealed record TableShape(string Name)
{
    public Dictionary<string, ColumnShape> Columns { get; } = new(StringComparer.Ordinal);

    public KeyShape? PrimaryKey { get; set; }

    public Dictionary<string, KeyShape> UniqueConstraints { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, IndexShape> Indexes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ForeignKeyShape> ForeignKeys { get; } = new(StringComparer.Ordinal);
}

internal sealed record ColumnShape(string Name, string Type, bool Nullable, string? Default);

internal sealed record KeyShape(string Name, IReadOnlyList<string> Columns);

internal sealed record IndexShape(string Name, IReadOnlyList<string> Columns, bool Unique, string? Filter);

internal sealed record ForeignKeyShape(string Name, IReadOnlyList<string> Columns, string PrincipalTable, IReadOnlyList<string> PrincipalColumns, string OnDelete);
