namespace Tests.Publishing;

/// <summary>Publish mode from the command line: it writes and exits, starts nothing, and refuses bad requests cleanly.</summary>
public sealed class PublishModeTests : IDisposable
{
    private static readonly string[] ResourceProcesses = ["postgres", "redis-server", "garnet", "Api.dll", "MigrationService.dll"];

    private readonly string folder = Directory.CreateTempSubdirectory("publish-mode-").FullName;

    private string StateDirectory => Path.Combine(folder, "state");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task AzdsInvocationWritesTheManifestAndExitsWithoutStartingAnything()
    {
        // azd runs from the AppHost folder with a path relative to it.
        var appHostFolder = Path.GetDirectoryName(new Projects.AppHost().ProjectPath)!;
        var manifest = Path.Combine(folder, "aspire-manifest.json");

        var run = await PublishProcess.RunAsync(
            appHostFolder, StateDirectory,
            ["--publisher", "manifest", "--output-path", Path.GetRelativePath(appHostFolder, manifest)], throughDotnetRun: true);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(File.Exists(manifest));
        Assert.Contains("\"project.v0\"", File.ReadAllText(manifest));
        Assert.DoesNotContain(run.ChildCommandLines, c => ResourceProcesses.Any(r => c.Contains(r, StringComparison.Ordinal)));
        // No state folder, so no generated local secrets and no PostgreSQL data; no dashboard either.
        Assert.False(Directory.Exists(StateDirectory));
        Assert.DoesNotContain("Dashboard:", run.Output);
    }

    [Fact]
    public async Task ComposePublishStartsNothingEither()
    {
        var run = await PublishProcess.RunAsync(folder, StateDirectory, ["--publisher", "compose", "--output-path", "deploy"]);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.True(File.Exists(Path.Combine(folder, "deploy", "docker-compose.yaml")));
        Assert.Empty(run.ChildCommandLines);
        Assert.False(Directory.Exists(StateDirectory));
    }

    [Theory]
    [InlineData("unknown publisher 'helm'", "--publisher", "helm", "--output-path", "out.json")]
    [InlineData("--publisher manifest needs --output-path", "--publisher", "manifest")]
    [InlineData("--output-path needs --publisher", "--output-path", "out.json")]
    [InlineData("is a file, not a folder", "--publisher", "manifest", "--output-path", "a-file/out.json")]
    [InlineData("does not exist", "--publisher", "manifest", "--output-path", "missing/out.json")]
    [InlineData("cannot write /proc/aspire-manifest.json", "--publisher", "manifest", "--output-path", "/proc/aspire-manifest.json")]
    [InlineData("is a file: --publisher compose writes a folder", "--publisher", "compose", "--output-path", "a-file")]
    public async Task ABadRequestIsOneLineAndExitCode2WithNothingWritten(string expected, params string[] args)
    {
        var file = Path.Combine(folder, "a-file");
        await File.WriteAllTextAsync(file, "not a folder", TestContext.Current.CancellationToken);

        var run = await PublishProcess.RunAsync(folder, StateDirectory, args);

        Assert.Equal(2, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("apphost: ", line);
        Assert.Contains(expected, line);
        Assert.Equal([file], Directory.GetFileSystemEntries(folder));
        Assert.Equal("not a folder", await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
        Assert.Empty(run.ChildCommandLines);
    }
}
