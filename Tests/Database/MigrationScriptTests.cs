using Db;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using MigrationService;
using Npgsql;
using Tests.Infrastructure;

namespace Tests.Database;

/// <summary>
/// The migrations' SQL scripts, which the worker runs instead of building EF Core's model: present, exactly what EF
/// Core would run, never used once their migration changed, and making the schema EF Core's migrator makes.
/// </summary>
public sealed class MigrationScriptTests(SharedApp shared)
{
    private const string Refresh = "run `dotnet run --project MigrationService -- generate --sql-only`";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void EveryMigrationHasAScriptWrittenFromItsCurrentSource()
    {
        Assert.NotEmpty(MigrationHistory.Known);
        Assert.All(MigrationHistory.Known, id => Assert.True(MigrationScripts.FreshScriptFor(id) is not null, $"{id} has no up-to-date SQL script: {Refresh}."));
    }

    [Fact]
    public void EachScriptIsTheSqlEfCoreWouldRunForItsMigration()
    {
        using var db = Infrastructure.Database.Context(shared.DatabaseConnectionString);
        var migrator = db.GetService<IMigrator>();
        var previous = Migration.InitialDatabase;
        foreach (var id in MigrationHistory.Known)
        {
            var script = MigrationScripts.FreshScriptFor(id) ?? throw new Xunit.Sdk.XunitException($"{id} has no script: {Refresh}.");
            var body = string.Join('\n', script.Split('\n').SkipWhile(line => line.StartsWith("-- source ", StringComparison.Ordinal)));
            Assert.Equal(migrator.GenerateScript(previous, id).ReplaceLineEndings("\n"), body);
            previous = id;
        }
    }

    [Fact]
    public void AScriptIsUsedOnlyWithTheSourcesItWasWrittenFrom()
    {
        var id = MigrationHistory.Known[0];
        var hashes = new Dictionary<string, string> { [$"{id}.cs"] = "AA01", [$"{id}.Designer.cs"] = "BB02" };
        var script = MigrationScripts.Compose(id, file => hashes[file], "CREATE TABLE t (id int);\n");

        Assert.True(MigrationScripts.IsFresh(id, script, hashes.GetValueOrDefault));
        Assert.False(MigrationScripts.IsFresh(id, script, file => file.EndsWith(".Designer.cs", StringComparison.Ordinal) ? "BB02" : "AA03"));
        Assert.False(MigrationScripts.IsFresh(id, script, _ => null));
        Assert.False(MigrationScripts.IsFresh(id, "CREATE TABLE t (id int);\n", hashes.GetValueOrDefault));
    }

    [Fact]
    public async Task TheScriptsMakeTheSchemaEfCoresMigratorMakes()
    {
        var scripted = await MigrateFreshDatabaseAsync(MigrationScripts.FreshScriptFor);
        var byEf = await MigrateFreshDatabaseAsync(_ => null);

        Assert.Equal(await SchemaOfAsync(byEf), await SchemaOfAsync(scripted));
        await using var db = Infrastructure.Database.Context(scripted);
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(Ct));
    }

    private async Task<string> MigrateFreshDatabaseAsync(Func<string, string?> scriptFor)
    {
        var database = Infrastructure.Database.FreshDatabase(shared.DatabaseConnectionString);
        await Infrastructure.Database.ScalarAsync<object?>(shared.DatabaseConnectionString,
            $"CREATE DATABASE \"{new NpgsqlConnectionStringBuilder(database).Database}\"");
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        await DatabaseMigrator.MigrateAsync(
            connection, () => Infrastructure.Database.Context(database), checkModel: true, scriptFor, NullLogger.Instance, Ct);
        return database;
    }

    /// <summary>Every column, constraint and index of the public schema, as the catalog describes them.</summary>
    private static async Task<string> SchemaOfAsync(string database)
    {
        const string Sql = """
            SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                   || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND c.relname <> '__EFMigrationsLock'
            UNION ALL
            SELECT 'constraint ' || con.conrelid::regclass || ' ' || con.conname || ' ' || pg_get_constraintdef(con.oid)
            FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace WHERE n.nspname = 'public'
            UNION ALL
            SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '__EFMigrationsLock'
            ORDER BY 1
            """;
        var rows = await Infrastructure.Database.RowsAsync(database, Sql);
        Assert.NotEmpty(rows);
        return string.Join('\n', rows);
    }
}
