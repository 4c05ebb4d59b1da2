using System.ComponentModel;
using System.Diagnostics;

namespace MigrationService.Export;

/// <summary>Finds pg_dump as the AppHost finds PostgreSQL: PATH, then <c>pg_config --bindir</c>, then Debian's /usr/lib/postgresql/*/bin (newest first).</summary>
internal static class PgDump
{
    public const string Name = "pg_dump";

    public static string Find()
    {
        foreach (var directory in Candidates())
        {
            var path = Path.Combine(directory, Name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new CommandFailure(
            "pg_dump was not found on PATH, via pg_config or in /usr/lib/postgresql/*/bin: install PostgreSQL's client "
            + "(Debian/Ubuntu: apt-get install postgresql-client; macOS: brew install libpq) or put pg_dump on PATH.");
    }

    private static IEnumerable<string> Candidates()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            yield return directory;
        }

        if (PgConfigBinDirectory() is { } fromPgConfig)
        {
            yield return fromPgConfig;
        }

        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            foreach (var version in Directory.GetDirectories(debianRoot).OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
            {
                yield return Path.Combine(version, "bin");
            }
        }
    }

    private static string? PgConfigBinDirectory()
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo("pg_config", "--bindir") { RedirectStandardOutput = true, RedirectStandardError = true });
            var output = process?.StandardOutput.ReadToEnd().Trim();
            process?.WaitForExit();
            return process?.ExitCode == 0 && !string.IsNullOrEmpty(output) ? output : null;
        }
        catch (Win32Exception)
        {
            return null;
        }
    }
}
