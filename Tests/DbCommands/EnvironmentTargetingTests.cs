using System.Text.Json;
using Npgsql;
using Tests.Infrastructure;

namespace Tests.DbCommands;

/// <summary>Which database a command reaches: --env, env files in their order, DATABASE_URL, and the local AppHost.</summary>
public sealed class EnvironmentTargetingTests(SharedApp shared)
{
    // Nothing listens on port 1: a command names its target, then fails fast to connect.
    private static string Unreachable(string database) => $"postgres://app:s3cret@127.0.0.1:1/{database}";

    [Fact]
    public async Task EnvFilesAreReadInOrderAndTheProcessEnvironmentBeatsThem()
    {
        using var folder = new TempFolder();
        folder.File(".env", $"DATABASE_URL={Unreachable("from_env")}\n");
        folder.File(".env.local", $"DATABASE_URL={Unreachable("from_env_local")}\n");
        folder.File(".env.staging.local", $"DATABASE_URL={Unreachable("from_staging_local")}\n");

        var staging = await DbCommand.RunAsync(["check", "--env", "staging"], workingDirectory: folder.Path);
        var prod = await DbCommand.RunAsync(["check", "--env", "prod"], workingDirectory: folder.Path);
        var fromProcess = await DbCommand.RunAsync(["check", "--env", "staging"],
            new Dictionary<string, string> { ["DATABASE_URL"] = Unreachable("from_process") }, folder.Path);
        File.Delete(Path.Combine(folder.Path, ".env.local"));
        var onlyEnv = await DbCommand.RunAsync(["check", "--env", "prod"], workingDirectory: folder.Path);

        Assert.Contains("Target staging: app@127.0.0.1:1/from_staging_local (from DATABASE_URL in .env.staging.local)", staging.Output);
        Assert.Contains("Target prod: app@127.0.0.1:1/from_env_local (from DATABASE_URL in .env.local)", prod.Output);
        Assert.Contains("Target staging: app@127.0.0.1:1/from_process (from DATABASE_URL in the environment)", fromProcess.Output);
        Assert.Contains("Target prod: app@127.0.0.1:1/from_env (from DATABASE_URL in .env)", onlyEnv.Output);
        foreach (var result in new[] { staging, prod, fromProcess, onlyEnv })
        {
            Assert.Equal(1, result.ExitCode);
            Assert.DoesNotContain("s3cret", result.All);
            Assert.Single(result.ErrorLines);
        }
    }

    [Fact]
    public async Task TheEnvironmentComesFromEnvironmentThenDotnetEnvironment()
    {
        using var folder = new TempFolder();
        folder.File(".env.staging.local", $"DATABASE_URL={Unreachable("staging_db")}\n");
        folder.File(".env.prod.local", $"DATABASE_URL={Unreachable("prod_db")}\n");

        var byEnvironment = await DbCommand.RunAsync(["check"], new Dictionary<string, string> { ["ENVIRONMENT"] = "prod", ["DOTNET_ENVIRONMENT"] = "Staging" }, folder.Path);
        var byDotnet = await DbCommand.RunAsync(["check"], new Dictionary<string, string> { ["DOTNET_ENVIRONMENT"] = "Staging" }, folder.Path);
        var byOption = await DbCommand.RunAsync(["check", "--env", "staging"], new Dictionary<string, string> { ["ENVIRONMENT"] = "prod" }, folder.Path);

        Assert.Contains("Target prod: app@127.0.0.1:1/prod_db", byEnvironment.Output);
        Assert.Contains("Target staging: app@127.0.0.1:1/staging_db", byDotnet.Output);
        Assert.Contains("Target staging: app@127.0.0.1:1/staging_db", byOption.Output);
    }

    [Fact]
    public async Task StagingWithoutADatabaseOrAnUnknownEnvironmentIsAUsageError()
    {
        var noDatabase = await DbCommand.RunAsync(["check", "--env", "staging"]);
        var unknown = await DbCommand.RunAsync(["check", "--env", "qa"]);
        var badUrl = await DbCommand.RunAsync(["check"], new Dictionary<string, string> { ["DATABASE_URL"] = "mysql://app:s3cret@db/appdb" });

        Assert.Equal(2, noDatabase.ExitCode);
        Assert.Contains("set DATABASE_URL in .env.staging.local", Assert.Single(noDatabase.ErrorLines));
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--env is 'qa'", Assert.Single(unknown.ErrorLines));
        Assert.Equal(2, badUrl.ExitCode);
        Assert.Contains("must start with postgres://", Assert.Single(badUrl.ErrorLines));
        Assert.DoesNotContain("s3cret", badUrl.All);
    }

    [Fact]
    public async Task DevWithoutARunningAppHostSaysToStartIt()
    {
        using var checkout = new TempFolder();
        checkout.File("Aspire.sln", "");

        var result = await DbCommand.RunAsync(["check"], workingDirectory: checkout.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("start the AppHost first: dotnet run --project AppHost", Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task DevFindsTheRunningAppHostsDatabaseFromItsStateFolder()
    {
        // A checkout whose AppHost data folder and user secrets describe the shared test server as
        // `dotnet run --project AppHost` leaves them (HOME points the user secrets at the test's folder).
        var server = new NpgsqlConnectionStringBuilder(shared.DatabaseConnectionString);
        using var checkout = new TempFolder();
        checkout.File("Aspire.sln", "");
        checkout.File("AppHost/AppHost.csproj", "<Project><PropertyGroup><UserSecretsId>apphost-test</UserSecretsId></PropertyGroup></Project>");
        checkout.File("AppHost/.state/postgres/data/postmaster.pid", $"{shared.App.ProcessIdOf("postgres")}\n/data\n1700000000\n{server.Port}\n\nlocalhost\n");
        checkout.File("home/.microsoft/usersecrets/apphost-test/secrets.json", JsonSerializer.Serialize(new Dictionary<string, string> { ["Parameters:postgres-password"] = server.Password! }));

        var result = await DbCommand.RunAsync(["migrate"], new Dictionary<string, string> { ["HOME"] = Path.Combine(checkout.Path, "home") }, workingDirectory: Path.Combine(checkout.Path, "AppHost"));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"Target dev: postgres@localhost:{server.Port}/appdb (from the local AppHost)", result.Output);
        Assert.Contains("Up to date", result.Output);
        Assert.DoesNotContain(server.Password!, result.All);
    }
}
