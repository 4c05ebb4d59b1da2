using System.Reflection;
using System.Text;

namespace Db;

/// <summary>
/// The SQL EF Core generates for each migration, written next to it (<c>Migrations/{id}.sql</c>) by the <c>generate</c>
/// command and compiled in, so that applying a migration builds no EF Core model: about half a second of every new
/// database's start on two cores, paid by each test harness. A script is only used while it matches its migration:
/// its header names the SHA-256 of the migration's source files it was written from, and the build records their
/// current hashes (Db.csproj). A migration edited since, or without a script, is applied by EF Core's migrator.
/// </summary>
public static class MigrationScripts
{
    private const string SourcePrefix = "-- source ";
    private const string MetadataPrefix = "MigrationSource:";

    private static readonly Assembly Assembly = typeof(MigrationScripts).Assembly;

    /// <summary>The source files' hashes as built: file name (e.g. <c>X_Name.Designer.cs</c>) to hex SHA-256.</summary>
    private static readonly Dictionary<string, string> BuiltSources = Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Where(attribute => attribute.Key.StartsWith(MetadataPrefix, StringComparison.Ordinal) && attribute.Value is not null)
        .ToDictionary(attribute => attribute.Key[MetadataPrefix.Length..], attribute => attribute.Value!, StringComparer.Ordinal);

    /// <summary>The migration's script, or null when it has none or it was written from other sources than these.</summary>
    public static string? FreshScriptFor(string migrationId)
    {
        using var stream = Assembly.GetManifestResourceStream($"Db.Migrations.{migrationId}.sql");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        var script = reader.ReadToEnd();
        return IsFresh(migrationId, script, file => BuiltSources.GetValueOrDefault(file)) ? script : null;
    }

    /// <summary>
    /// Whether the script's header names the migration's two source files (<c>{id}.cs</c>, <c>{id}.Designer.cs</c>)
    /// with the hashes <paramref name="currentHash"/> gives for them.
    /// </summary>
    public static bool IsFresh(string migrationId, string script, Func<string, string?> currentHash)
    {
        ArgumentNullException.ThrowIfNull(script);
        ArgumentNullException.ThrowIfNull(currentHash);
        var named = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in script.AsSpan().EnumerateLines())
        {
            if (!line.StartsWith(SourcePrefix, StringComparison.Ordinal))
            {
                break;
            }

            var parts = line[SourcePrefix.Length..].ToString().Split(' ');
            if (parts.Length == 2)
            {
                named[parts[0]] = parts[1];
            }
        }

        return SourceFilesOf(migrationId).All(file =>
            named.TryGetValue(file, out var written) && string.Equals(written, currentHash(file), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The script file's text: the header naming the sources' hashes, then the SQL.</summary>
    public static string Compose(string migrationId, Func<string, string> sourceHash, string sql)
    {
        ArgumentNullException.ThrowIfNull(sourceHash);
        var text = new StringBuilder();
        foreach (var file in SourceFilesOf(migrationId))
        {
            text.Append(SourcePrefix).Append(file).Append(' ').Append(sourceHash(file)).Append('\n');
        }

        return text.Append(sql.ReplaceLineEndings("\n")).ToString();
    }

    private static string[] SourceFilesOf(string migrationId) => [$"{migrationId}.cs", $"{migrationId}.Designer.cs"];
}
