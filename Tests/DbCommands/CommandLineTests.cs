using Npgsql;
using Tests.Infrastructure;

namespace Tests.DbCommands;

/// <summary>The command line itself: help, bad input, and failures as one line with the right exit code.</summary>
public sealed class CommandLineTests(SharedApp shared)
{
    [Theory]
    [InlineData("generate", "Add an EF Core migration")]
    [InlineData("migrate", "Apply pending migrations")]
    [InlineData("push", "--force")]
    [InlineData("seed", "--allow-prod")]
    [InlineData("check", "Compare the model, the migrations and the live database")]
    [InlineData("export", "--data-only")]
    [InlineData("studio", "--allow-writes")]
    [InlineData("typecheck", "Build the Db project")]
    public async Task EveryCommandHasHelp(string command, string expected)
    {
        var result = await DbCommand.RunAsync([command, "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains(expected, result.Output);
        Assert.Contains("--env", result.Output);
    }

    [Theory]
    [InlineData("frobnicate")]
    [InlineData("check", "--no-such-option")]
    [InlineData("export", "--data", "--data-only")]
    [InlineData("generate")]
    [InlineData("generate", "AddUserLocale", "--sql-only")]
    public async Task BadUsageIsOneLineAndExitCode2(params string[] args)
    {
        var result = await DbCommand.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Run with --help", Assert.Single(result.ErrorLines));
    }

    [Theory]
    [InlineData("check")]
    [InlineData("migrate")]
    [InlineData("seed")]
    [InlineData("studio")]
    public async Task AWrongPasswordIsOneLineNamingWhereToFixItWithoutThePassword(string command)
    {
        var wrong = new NpgsqlConnectionStringBuilder(shared.DatabaseConnectionString) { Password = "wrong-password" }.ConnectionString;

        var result = await DbCommand.RunAsync(wrong, command);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("password authentication failed", line);
        Assert.Contains("check the user and password in ConnectionStrings__appdb in the environment", line);
        Assert.DoesNotContain("wrong-password", result.All);
        Assert.DoesNotContain("   at ", result.All);
    }

    [Fact]
    public async Task AnUnreachableServerIsOneLine()
    {
        var result = await DbCommand.RunAsync(["migrate"], new Dictionary<string, string> { ["DATABASE_URL"] = "postgres://app:pw@127.0.0.1:1/appdb" });

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Contains("127.0.0.1:1/appdb", line);
        Assert.Contains("Connection refused", line);
    }

    [Fact]
    public async Task WithoutACommandItStillMigratesAndSeedsForTheAppHost()
    {
        var database = Infrastructure.Database.FreshDatabase(shared.DatabaseConnectionString);

        var result = await MigrationServiceProcess.RunAsync(database, TestContext.Current.CancellationToken);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal(10L, await Infrastructure.Database.ScalarAsync<long>(database, """SELECT count(*) FROM "user" """));
    }
}
