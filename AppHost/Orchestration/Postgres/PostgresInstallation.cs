namespace AppHost.Orchestration;

/// <summary>Finds the PostgreSQL server binaries: PATH, then <c>pg_config --bindir</c>, then Debian's /usr/lib/postgresql/*/bin.</summary>
internal sealed record PostgresInstallation(string BinDirectory)
{
    public string Postgres => Path.Combine(BinDirectory, "postgres");

    public string InitDb => Path.Combine(BinDirectory, "initdb");

    public static PostgresInstallation Find() => Find(Candidates());

    public static PostgresInstallation Find(IEnumerable<string> candidates)
    {
        foreach (var candidate in candidates)
        {
            if (File.Exists(Path.Combine(candidate, "postgres")) && File.Exists(Path.Combine(candidate, "initdb")))
            {
                return new PostgresInstallation(candidate);
            }
        }

        throw new DistributedApplicationException(
            "PostgreSQL is not installed: install its server (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql@17), "
            + "or use an existing server by setting ConnectionStrings__appdb for the AppHost.");
    }

    private static IEnumerable<string> Candidates()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
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
            // Newest major version first.
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
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("pg_config", "--bindir")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            });
            var output = process?.StandardOutput.ReadToEnd().Trim();
            process?.WaitForExit();
            return process?.ExitCode == 0 && !string.IsNullOrEmpty(output) ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
