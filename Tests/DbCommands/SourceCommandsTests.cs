namespace Tests.DbCommands;

/// <summary>`generate` and `typecheck`, which work on the checkout's source.</summary>
public sealed class SourceCommandsTests
{
    [Fact]
    public async Task GenerateRefusesWhenTheModelHasNoChangesAndWritesNothing()
    {
        var migrations = Path.Combine(DbCommand.RepositoryRoot, "Db", "Migrations");
        var before = Directory.GetFiles(migrations);

        var result = await DbCommand.RunAsync(["generate", "NothingChanged"], workingDirectory: DbCommand.RepositoryRoot);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("nothing to generate: the model matches the last migration", Assert.Single(result.ErrorLines));
        Assert.Equal(before, Directory.GetFiles(migrations));
    }

    [Fact]
    public async Task GenerateRejectsANameThatIsNotAnIdentifier()
    {
        var result = await DbCommand.RunAsync(["generate", "add users!"], workingDirectory: DbCommand.RepositoryRoot);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("not a valid migration name", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task SourceCommandsOutsideTheCheckoutSayWhereToRunThem()
    {
        var result = await DbCommand.RunAsync(["typecheck"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("run it from the repository", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task TypecheckBuildsTheDbProject()
    {
        var result = await DbCommand.RunAsync(["typecheck"], workingDirectory: DbCommand.RepositoryRoot);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Db compiles with no errors", result.Output);
    }
}
