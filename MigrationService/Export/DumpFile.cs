using System.Globalization;
using System.Text.RegularExpressions;

namespace MigrationService.Export;

/// <summary>Where a dump goes: <c>db/backups/dump-{env}-{schema|full|data}[-{table}]-{timestamp}.sql</c>.</summary>
internal static partial class DumpFile
{
    public static string PathFor(string root, string environment, string kind, string? table, DateTimeOffset now)
    {
        var tablePart = table is null ? "" : $"-{UnsafeInFileName().Replace(table, "_")}";
        var stamp = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH-mm-ss", CultureInfo.InvariantCulture);
        return Path.Combine(root, "db", "backups", $"dump-{environment}-{kind}{tablePart}-{stamp}.sql");
    }

    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => $"{bytes / 1024.0:F1} KiB",
        _ => $"{bytes / (1024.0 * 1024):F1} MiB",
    };

    [GeneratedRegex("[^A-Za-z0-9_.]")]
    private static partial Regex UnsafeInFileName();
}
