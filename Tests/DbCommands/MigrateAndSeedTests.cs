using Microsoft.EntityFrameworkCore;
using Tests.Infrastructure;

namespace Tests.DbCommands;

/// <summary>`migrate` and `seed` as commands: durations, concurrency, confirmation on staging, prod refusal.</summary>
public sealed class MigrateAndSeedTests(SharedApp shared)
{
    [Fact]
    public async Task MigrateCreatesTheDatabaseAndListsEachMigrationWithItsDuration()
    {
        var database = Infrastructure.Database.FreshDatabase(shared.DatabaseConnectionString);

        var first = await DbCommand.RunAsync(database, "migrate");
        var second = await DbCommand.RunAsync(database, "migrate");

        Assert.True(first.ExitCode == 0, first.ToString());
        await using var db = Infrastructure.Database.Context(database);
        foreach (var migration in db.Database.GetMigrations())
        {
            Assert.Matches($@"  applied {migration} in \d+ ms", first.Output);
        }

        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("Up to date: none pending", second.Output);
    }

    [Fact]
    public async Task ThreeMigratesAtOnceAllSucceedAndApplyEachMigrationOnce()
    {
        var database = Infrastructure.Database.FreshDatabase(shared.DatabaseConnectionString);

        var results = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => DbCommand.RunAsync(database, "migrate")));

        Assert.All(results, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Single(results, r => r.Output.Contains("Done: applied", StringComparison.Ordinal));
        Assert.Equal(2, results.Count(r => r.Output.Contains("Up to date", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task MigrateOnStagingAsksAndWithoutAnAnswerChangesNothing()
    {
        var database = Infrastructure.Database.FreshDatabase(shared.DatabaseConnectionString);
        await CheckTests.ExecuteAsync(shared.DatabaseConnectionString, $"CREATE DATABASE {new Npgsql.NpgsqlConnectionStringBuilder(database).Database}");
        var staging = new Dictionary<string, string> { ["ConnectionStrings__appdb"] = database, ["ENVIRONMENT"] = "staging" };

        var refused = await DbCommand.RunAsync(["migrate"], staging);
        var declined = await DbCommand.RunAsync(["migrate"], staging, input: "n\n");
        var confirmed = await DbCommand.RunAsync(["migrate"], staging, input: "y\n");

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("pass --yes", Assert.Single(refused.ErrorLines));
        Assert.Equal(1, declined.ExitCode);
        Assert.Contains("canceled", declined.Error);
        Assert.True(confirmed.ExitCode == 0, confirmed.ToString());
        Assert.Contains("Apply the pending migrations to staging", confirmed.Output);
    }

    [Fact]
    public async Task SeedInsertsTheExampleDataOnceAndRefusesProdUnlessAllowed()
    {
        var database = Infrastructure.Database.FreshDatabase(shared.DatabaseConnectionString);
        Assert.Equal(0, (await DbCommand.RunAsync(database, "migrate")).ExitCode);
        var prod = new Dictionary<string, string> { ["ConnectionStrings__appdb"] = database, ["ENVIRONMENT"] = "prod" };

        var refused = await DbCommand.RunAsync(["seed"], prod);
        var countAfterRefusal = await Infrastructure.Database.ScalarAsync<long>(database, """SELECT count(*) FROM "user" """);
        var seeded = await DbCommand.RunAsync(database, "seed");
        var again = await DbCommand.RunAsync(["seed", "--allow-prod"], prod);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("--allow-prod", Assert.Single(refused.ErrorLines));
        Assert.Equal(0L, countAfterRefusal);
        Assert.True(seeded.ExitCode == 0, seeded.ToString());
        Assert.Contains("users: 10, organizations: 1", seeded.Output);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Equal(10L, await Infrastructure.Database.ScalarAsync<long>(database, """SELECT count(*) FROM "user" """));
    }

    [Fact]
    public async Task SeedBeforeMigrateSaysToMigrateFirst()
    {
        var database = Infrastructure.Database.FreshDatabase(shared.DatabaseConnectionString);
        await CheckTests.ExecuteAsync(shared.DatabaseConnectionString, $"CREATE DATABASE {new Npgsql.NpgsqlConnectionStringBuilder(database).Database}");

        var result = await DbCommand.RunAsync(database, "seed");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("run `migrate` first", Assert.Single(result.ErrorLines));
    }
}
