using Tests.Infrastructure;

namespace Tests.DbCommands;

/// <summary>`push`: the schema without migrations on an empty database; data is only ever dropped on request.</summary>
public sealed class PushTests(SharedApp shared)
{
    [Fact]
    public async Task PushCreatesTheModelsSchemaOnAnEmptyDatabase()
    {
        var database = Infrastructure.Database.FreshDatabase(shared.DatabaseConnectionString);

        var push = await DbCommand.RunAsync(database, "push");
        var check = await DbCommand.RunAsync(database, "check");

        Assert.True(push.ExitCode == 0, push.ToString());
        Assert.Contains("Created the schema: 9 tables", push.Output);
        Assert.Contains("Database vs model: agree", check.Output);
        Assert.Contains("is not applied", check.Output);
    }

    [Fact]
    public async Task ANonEmptyDatabaseIsRefusedWithoutForceAndKeepsItsData()
    {
        var database = await DriftedDatabaseWithRowsAsync();

        var result = await DbCommand.RunAsync(database, "push");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Pass --force", Assert.Single(result.ErrorLines));
        Assert.Equal(1L, await Infrastructure.Database.ScalarAsync<long>(database, "SELECT count(*) FROM stray"));
    }

    [Fact]
    public async Task ForceListsWhatIsLostThenRecreatesTheSchema()
    {
        var database = await DriftedDatabaseWithRowsAsync();

        var result = await DbCommand.RunAsync(database, "push", "--force");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("  - user: 10 rows", result.Output);
        Assert.Contains("  - stray: 1 rows", result.Output);
        Assert.Contains("Recreated the schema", result.Output);
        Assert.Equal(0L, await Infrastructure.Database.ScalarAsync<long>(database, """SELECT count(*) FROM "user" """));
        Assert.Contains("Database vs model: agree", (await DbCommand.RunAsync(database, "check")).Output);
    }

    [Fact]
    public async Task ForceOnStagingWithoutAnAnswerAndPushOnProdChangeNothing()
    {
        var database = await DriftedDatabaseWithRowsAsync();

        var staging = await DbCommand.RunAsync(["push", "--force"], new Dictionary<string, string> { ["ConnectionStrings__appdb"] = database, ["ENVIRONMENT"] = "staging" });
        var prod = await DbCommand.RunAsync(["push", "--force", "--yes"], new Dictionary<string, string> { ["ConnectionStrings__appdb"] = database, ["ENVIRONMENT"] = "prod" });

        Assert.Equal(2, staging.ExitCode);
        Assert.Contains("pass --yes", Assert.Single(staging.ErrorLines));
        Assert.Equal(2, prod.ExitCode);
        Assert.Contains("push is refused for prod", Assert.Single(prod.ErrorLines));
        Assert.Equal(10L, await Infrastructure.Database.ScalarAsync<long>(database, """SELECT count(*) FROM "user" """));
    }

    private async Task<string> DriftedDatabaseWithRowsAsync()
    {
        var database = Infrastructure.Database.FreshDatabase(shared.DatabaseConnectionString);
        Assert.Equal(0, (await DbCommand.RunAsync(database, "migrate")).ExitCode);
        Assert.Equal(0, (await DbCommand.RunAsync(database, "seed")).ExitCode);
        await CheckTests.ExecuteAsync(database, "CREATE TABLE stray (id int); INSERT INTO stray VALUES (1);");
        return database;
    }
}
