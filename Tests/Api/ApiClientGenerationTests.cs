using System.Diagnostics;
using Tests.DbCommands;

namespace Tests.Api;

/// <summary>The committed client (ApiClient/Generated) is what Kiota makes of the committed document today.</summary>
public sealed class ApiClientGenerationTests
{
    [Fact]
    public async Task TheCommittedClientIsWhatKiotaGeneratesFromTheCommittedDocument()
    {
        using var folder = new TempFolder();
        var committed = Path.Combine(Repository.Root, "ApiClient", "Generated");

        var info = new ProcessStartInfo("bash", [Path.Combine(Repository.Root, "ApiClient", "generate.sh"), folder.Path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromMinutes(3), TestContext.Current.CancellationToken);
        Assert.True(process.ExitCode == 0, await output + await error);

        var expected = SourceFiles(folder.Path);
        var actual = SourceFiles(committed);
        Assert.True(expected.Keys.Order(StringComparer.Ordinal).SequenceEqual(actual.Keys.Order(StringComparer.Ordinal)),
            $"Files differ: Kiota makes [{string.Join(", ", expected.Keys.Except(actual.Keys))}], only committed [{string.Join(", ", actual.Keys.Except(expected.Keys))}]. Run ApiClient/generate.sh and commit.");
        Assert.All(expected, file => Assert.True(file.Value == actual[file.Key], $"ApiClient/Generated/{file.Key} is out of date: run ApiClient/generate.sh and commit."));
    }

    // The C# files only: kiota-lock.json names the document by a path relative to the output folder.
    private static Dictionary<string, string> SourceFiles(string root) =>
        Directory.GetFiles(root, "*.cs", SearchOption.AllDirectories)
            .ToDictionary(path => Path.GetRelativePath(root, path), path => File.ReadAllText(path).ReplaceLineEndings("\n"), StringComparer.Ordinal);
}
