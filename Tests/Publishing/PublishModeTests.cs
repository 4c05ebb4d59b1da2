namespace Tests.Publishing;

/// <summary>
/// Publish mode from the command line: it writes where the user asked and exits, starts nothing, keeps every secret in
/// the output folder, and refuses bad requests cleanly.
/// </summary>
public sealed class PublishModeTests : IDisposable
{
    private static readonly string[] ResourceProcesses = ["postgres", "redis-server", "garnet", "Api.dll", "MigrationService.dll", "dcp"];

    private readonly string folder = Directory.CreateTempSubdirectory("publish-mode-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task AzdsInvocationWritesTheManifestAndExitsWithoutStartingAnything()
    {
        // azd runs from the AppHost folder with a path relative to it.
        var manifest = Path.Combine(folder, "aspire-manifest.json");

        var run = await PublishProcess.RunAsync(
            Projects.AppHost.ProjectPath, ["--publisher", "manifest", "--output-path", Path.GetRelativePath(Projects.AppHost.ProjectPath, manifest)],
            throughDotnetRun: true);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("\"project.v0\"", File.ReadAllText(manifest));
        Assert.DoesNotContain(run.ChildCommandLines, c => ResourceProcesses.Any(r => c.Contains(r, StringComparison.Ordinal)));
        Assert.DoesNotContain("Login to the dashboard", run.Output);
    }

    [Fact]
    public async Task ARelativeOutputPathIsRelativeToWhereTheUserRunsTheCommand()
    {
        var run = await PublishProcess.RunAsync(folder, ["--publisher", "manifest", "--output-path", "aspire-manifest.json"], throughDotnetRun: true);

        var misplaced = Path.Combine(Projects.AppHost.ProjectPath, "aspire-manifest.json");
        var landedInAppHost = File.Exists(misplaced);
        File.Delete(misplaced);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.False(landedInAppHost, "the manifest was written into AppHost/, not where dotnet run was typed");
        Assert.True(File.Exists(Path.Combine(folder, "aspire-manifest.json")));
    }

    [Fact]
    public async Task ComposePublishStartsNothingEither()
    {
        var run = await PublishProcess.RunAsync(folder, ["--publisher", "compose", "--output-path", "deploy"]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(File.Exists(Path.Combine(folder, "deploy", "docker-compose.yaml")));
        Assert.Empty(run.ChildCommandLines);
    }

    [Theory]
    [InlineData("manifest", "aspire-manifest.json")]
    [InlineData("compose", "deploy")]
    public async Task PublishingWritesNoSecretOutsideTheOutputFolder(string publisher, string outputPath)
    {
        // A home of its own: Aspire's state (~/.aspire) and the user secrets (~/.microsoft/usersecrets) live under it.
        var home = Directory.CreateDirectory(Path.Combine(folder, "home")).FullName;

        var run = await PublishProcess.RunAsync(folder, ["--publisher", publisher, "--output-path", outputPath], home: home);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(Path.Exists(Path.Combine(folder, outputPath)));
        // Aspire 13.6 creates empty folders there (~/.aspire/cli/bch, ~/.aspire/deployments/<hash>), but no file.
        Assert.Empty(Directory.GetFiles(home, "*", SearchOption.AllDirectories));
        Assert.Equal([Path.Combine(folder, outputPath), home], Directory.GetFileSystemEntries(folder).Order());
    }

    [Theory]
    [InlineData("unknown publisher 'nonsense': use --publisher manifest", "--publisher", "nonsense", "--output-path", "out.json")]
    [InlineData("--publisher manifest needs --output-path", "--publisher", "manifest")]
    [InlineData("--publisher compose needs --output-path", "--publisher", "compose")]
    [InlineData("--output-path needs --publisher", "--output-path", "out.json")]
    [InlineData("is a file, not a folder", "--publisher", "manifest", "--output-path", "a-file/out.json")]
    [InlineData("is a file: --publisher compose writes a folder", "--publisher", "compose", "--output-path", "a-file")]
    public async Task ABadRequestIsOneLineAndExitCode2WithNothingWritten(string expected, params string[] args)
    {
        var file = Path.Combine(folder, "a-file");
        await File.WriteAllTextAsync(file, "not a folder", TestContext.Current.CancellationToken);

        var run = await PublishProcess.RunAsync(folder, args);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("apphost: ", line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("   at ", run.Output);
        Assert.Equal([file], Directory.GetFileSystemEntries(folder));
        Assert.Equal("not a folder", await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
        Assert.Empty(run.ChildCommandLines);
    }

    [Fact]
    public async Task AManifestThatCannotBeWrittenFailsTheProcess()
    {
        // Aspire's manifest step fails here and Aspire 13.6 alone would still exit with 0, so azd would carry on.
        var run = await PublishProcess.RunAsync(folder, ["--publisher", "manifest", "--output-path", "/proc/aspire-manifest.json"]);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("/proc/aspire-manifest.json", run.Output);
    }
}
