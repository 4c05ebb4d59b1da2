namespace MigrationService.Export;

/// <summary>Finds pg_dump as the AppHost finds PostgreSQL: PATH, then <c>pg_config --bindir</c>, then Debian's /usr/lib/postgresql/*/bin (newest first).</summary>
internal static class PgDump
{
    public const string Name = "pg_dump";

    public static string Find()
    {
        foreach (var directory in Db.PostgresBinaryFolders.Candidates())
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
}
