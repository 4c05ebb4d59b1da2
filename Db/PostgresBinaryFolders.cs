using System.ComponentModel;
using System.Diagnostics;

namespace Db;

/// <summary>
/// Where this machine's PostgreSQL programs may be, in the order they are looked for: PATH, then <c>pg_config --bindir</c>,
/// then /usr/lib/postgresql/*/bin, newest version first (Debian and Ubuntu keep the server off PATH, one folder per major
/// version). The db commands find pg_dump with it; the AppHost, which references no service's assembly, compiles this
/// file in to find the server.
/// </summary>
internal static class PostgresBinaryFolders
{
    public static IEnumerable<string> Candidates()
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
            // pg_config is not installed.
            return null;
        }
    }
}
