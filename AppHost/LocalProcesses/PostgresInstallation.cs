namespace AppHost.LocalProcesses;

/// <summary>Finds the PostgreSQL server binaries: PATH, then <c>pg_config --bindir</c>, then Debian's /usr/lib/postgresql/*/bin.</summary>
internal sealed record PostgresInstallation(string BinDirectory)
{
    public static string NotFoundIn(string folder) =>
        $"{BinDirectoryKey} is {folder}, which holds no postgres and initdb: point it at PostgreSQL's bin folder (pg_config --bindir prints it), or remove it to search PATH and /usr/lib/postgresql.";

    public const string NotInstalled =
        "PostgreSQL is not installed: install its server (Debian/Ubuntu: sudo apt-get install postgresql; macOS: brew install postgresql@17), "
        + "or start Docker to run Aspire's postgres container, or set ConnectionStrings__appdb for the AppHost to use an existing server.";

    public string Postgres => Path.Combine(BinDirectory, "postgres");

    public string InitDb => Path.Combine(BinDirectory, "initdb");

    /// <summary>Configuration key: the folder of the server binaries to use, instead of searching for them.</summary>
    public const string BinDirectoryKey = "AppHost:PostgresBinDirectory";

    /// <summary>The configured folder when there is one, else the first installation found.</summary>
    public static PostgresInstallation? Find(string? configured) => Find(configured is { Length: > 0 } ? [configured] : Db.PostgresBinaryFolders.Candidates());

    public static PostgresInstallation? Find(IEnumerable<string> candidates) =>
        candidates
            .Where(candidate => File.Exists(Path.Combine(candidate, "postgres")) && File.Exists(Path.Combine(candidate, "initdb")))
            .Select(candidate => new PostgresInstallation(candidate))
            .FirstOrDefault();
}
