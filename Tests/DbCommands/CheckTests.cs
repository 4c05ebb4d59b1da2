using Tests.Infrastructure;

namespace Tests.DbCommands;

/// <summary>`check` against throw-away databases whose live schema or history is changed behind the model's back.</summary>
public sealed class CheckTests(SharedApp shared)
{
    [Fact]
    public async Task AMigratedDatabaseAgreesWithTheModelAndTheMigrations()
    {
        var database = await MigratedDatabaseAsync();

        var result = await DbCommand.RunAsync(database, "check");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Model vs migrations: agree", result.Output);
        Assert.Contains("Migrations vs database: agree", result.Output);
        Assert.Contains("Database vs model: agree", result.Output);
    }

    [Fact]
    public async Task EveryKindOfLiveSchemaDriftIsListed()
    {
        var database = await MigratedDatabaseAsync();
        await ExecuteAsync(database, """
            ALTER TABLE "user" DROP COLUMN image;
            ALTER TABLE "user" ADD COLUMN nickname text;
            CREATE TABLE stray (id int);
            ALTER TABLE invitation ALTER COLUMN status SET DEFAULT 'open';
            ALTER TABLE passkey ALTER COLUMN name SET NOT NULL;
            ALTER TABLE subscription ALTER COLUMN seats TYPE bigint;
            DROP INDEX ix_session_user_id;
            DROP INDEX ix_user_email;
            CREATE INDEX ix_user_email ON "user" (email);
            ALTER TABLE organization ADD CONSTRAINT uq_organization_name UNIQUE (name);
            ALTER TABLE member DROP CONSTRAINT fk_member_user_user_id;
            ALTER TABLE member ADD CONSTRAINT fk_member_user_user_id FOREIGN KEY (user_id) REFERENCES "user" (id) ON DELETE NO ACTION;
            ALTER TABLE identity DROP CONSTRAINT fk_identity_user_user_id;
            """);

        var result = await DbCommand.RunAsync(database, "check");

        Assert.Equal(1, result.ExitCode);
        string[] expected =
        [
            "table \"user\": column \"image\" is missing from the database",
            "table \"user\": column \"nickname\" is in the database but not in the model",
            "table \"stray\" is in the database but not in the model",
            "table \"invitation\": column \"status\" has default 'open'::text in the database, 'pending' in the model",
            "table \"passkey\": column \"name\" is NOT NULL in the database, nullable in the model",
            "table \"subscription\": column \"seats\" has type bigint in the database, integer in the model",
            "table \"session\": index \"ix_session_user_id\" is missing from the database",
            "table \"user\": index \"ix_user_email\" is not unique in the database, unique in the model",
            "table \"organization\": unique constraint \"uq_organization_name\" is in the database but not in the model",
            "table \"member\": foreign key \"fk_member_user_user_id\" is ON DELETE NO ACTION in the database, ON DELETE CASCADE in the model",
            "table \"identity\": foreign key \"fk_identity_user_user_id\" is missing from the database",
        ];
        Assert.All(expected, line => Assert.Contains($"  - {line}\n", result.Output));
        Assert.Contains("Database vs model: 11 differences", result.Output);
        Assert.Contains("Model vs migrations: agree", result.Output);
    }

    [Fact]
    public async Task MigrationsNotAppliedOrUnknownToTheCodeAreListed()
    {
        var database = await MigratedDatabaseAsync();
        var applied = await Infrastructure.Database.ScalarAsync<string>(database, """SELECT min(migration_id) FROM "__EFMigrationsHistory" """);
        await ExecuteAsync(database, $"""
            DELETE FROM "__EFMigrationsHistory" WHERE migration_id = '{applied}';
            INSERT INTO "__EFMigrationsHistory" VALUES ('20991231000000_FromAnotherBranch', '10.0.15');
            """);

        var result = await DbCommand.RunAsync(database, "check");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"  - {applied} is not applied (run `migrate`)", result.Output);
        Assert.Contains("  - 20991231000000_FromAnotherBranch is applied to the database but unknown to the code", result.Output);
        Assert.Contains("Database vs model: agree", result.Output);
    }

    [Fact]
    public async Task AnEmptyDatabaseListsEveryTableAsMissing()
    {
        var database = Infrastructure.Database.FreshDatabase(shared.DatabaseConnectionString);
        await ExecuteAsync(shared.DatabaseConnectionString, $"CREATE DATABASE {new Npgsql.NpgsqlConnectionStringBuilder(database).Database}");

        var result = await DbCommand.RunAsync(database, "check");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("  - table \"organization\" is missing from the database", result.Output);
        Assert.Contains("is not applied (run `migrate`)", result.Output);
    }

    private async Task<string> MigratedDatabaseAsync()
    {
        var database = Infrastructure.Database.FreshDatabase(shared.DatabaseConnectionString);
        var migrate = await DbCommand.RunAsync(database, "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.ToString());
        return database;
    }

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
