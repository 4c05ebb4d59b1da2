using Db;
using Microsoft.EntityFrameworkCore;

namespace MigrationService.Drift;

/// <summary>The code's migrations against the database's <c>__EFMigrationsHistory</c>.</summary>
internal sealed record MigrationComparison(IReadOnlyList<string> Known, IReadOnlyList<string> Applied)
{
    public IEnumerable<string> NotApplied => Known.Except(Applied, StringComparer.Ordinal);

    public IEnumerable<string> UnknownToCode => Applied.Except(Known, StringComparer.Ordinal);

    public static async Task<MigrationComparison> ReadAsync(AppDbContext db, CancellationToken cancellationToken) =>
        new([.. db.Database.GetMigrations()], [.. await db.Database.GetAppliedMigrationsAsync(cancellationToken)]);
}
