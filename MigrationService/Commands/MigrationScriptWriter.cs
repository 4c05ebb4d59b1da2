using System.Security.Cryptography;
using Db;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace MigrationService.Commands;

/// <summary>
/// Writes <c>Db/Migrations/{id}.sql</c> for every migration compiled into this build whose script is missing or was
/// written from other sources: the SQL EF Core's migrator would run for it (<see cref="MigrationScripts"/>).
/// </summary>
internal static class MigrationScriptWriter
{
    /// <summary>Returns the ids whose script was (re)written.</summary>
    public static IReadOnlyList<string> WriteStale(string root)
    {
        var folder = Path.Combine(root, "Db", "Migrations");
        using var db = new DesignTimeAppDbContextFactory().CreateDbContext([]);
        var migrator = db.GetService<IMigrator>();
        var written = new List<string>();
        var previous = Migration.InitialDatabase;
        foreach (var id in MigrationHistory.Known)
        {
            var path = Path.Combine(folder, $"{id}.sql");
            string SourceHash(string file) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, file))));
            if (!File.Exists(path) || !MigrationScripts.IsFresh(id, File.ReadAllText(path), SourceHash))
            {
                var sql = migrator.GenerateScript(previous, id);
                var fresh = path + ".tmp";
                File.WriteAllText(fresh, MigrationScripts.Compose(id, SourceHash, sql));
                File.Move(fresh, path, overwrite: true);
                written.Add(id);
            }

            previous = id;
        }

        return written;
    }
}
