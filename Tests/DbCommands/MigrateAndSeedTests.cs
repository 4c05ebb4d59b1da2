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
    public async Task OnlyADevSeedGivesTheExampleUsersAPasswordAndTheDemoOrganizationAPlan()
    {
        var database = Infrastructure.Database.FreshDatabase(shared.DatabaseConnectionString);
        Assert.Equal(0, (await DbCommand.RunAsync(database, "migrate")).ExitCode);
        const string Passwords = """
            SELECT count(*) FROM identity i JOIN "user" u ON u.id = i.user_id WHERE u.email LIKE '%@example.com' AND i.provider_id = 'credential'
            """;
        const string Plans = "SELECT count(*) FROM subscription";

        var staging = await DbCommand.RunAsync(["seed"], new Dictionary<string, string> { ["ConnectionStrings__appdb"] = database, ["ENVIRONMENT"] = "staging" });
        var prod = await DbCommand.RunAsync(["seed", "--allow-prod"], new Dictionary<string, string> { ["ConnectionStrings__appdb"] = database, ["ENVIRONMENT"] = "prod" });
        var passwordsOutsideDev = await Infrastructure.Database.ScalarAsync<long>(database, Passwords);
        var plansOutsideDev = await Infrastructure.Database.ScalarAsync<long>(database, Plans);
        var dev = await DbCommand.RunAsync(database, "seed");
        var devAgain = await DbCommand.RunAsync(database, "seed");

        Assert.True(staging.ExitCode == 0, staging.ToString());
        Assert.Contains("No demo password and no demo plan on staging", staging.Output);
        Assert.True(prod.ExitCode == 0, prod.ToString());
        Assert.Contains("No demo password and no demo plan on prod", prod.Output);
        Assert.Equal(0L, passwordsOutsideDev);
        Assert.Equal(0L, plansOutsideDev);
        Assert.True(dev.ExitCode == 0, dev.ToString());
        Assert.Contains($"alice@example.com, owner of 'acme-demo', or any example user, with the password '{Db.Seeding.DemoSignIn.Password}'", dev.Output);
        Assert.Equal(0, devAgain.ExitCode);
        Assert.Equal(10L, await Infrastructure.Database.ScalarAsync<long>(database, Passwords));
        Assert.Equal(["starter|active|acme-demo"], await Infrastructure.Database.RowsAsync(database,
            "SELECT s.plan, s.status, o.slug FROM subscription s JOIN organization o ON o.id = s.reference_id"));
        var hash = await Infrastructure.Database.ScalarAsync<string>(database,
            """SELECT i.password FROM identity i JOIN "user" u ON u.id = i.user_id WHERE u.email = 'bob@example.com'""");
        Assert.False(new Db.Credentials.CredentialPasswords().Verify(hash, Db.Seeding.DemoSignIn.Password) is null, "the demo password does not verify");
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
