using System.Diagnostics;
using Tests.Infrastructure;

namespace Tests.Publishing;

/// <summary>
/// The real AppHost in publish mode, as azd runs it (its own process, a working directory, relative paths), watched
/// while it runs: every process it starts is recorded, so a test can show that nothing was.
/// </summary>
internal sealed record PublishProcess(int ExitCode, string Output, string Error, IReadOnlyList<string> ChildCommandLines)
{
    /// <summary><c>dotnet run --no-build --project AppHost -- args</c> from <paramref name="workingDirectory"/>, or <c>dotnet AppHost.dll args</c>.</summary>
    public static async Task<PublishProcess> RunAsync(string workingDirectory, string stateDirectory, IEnumerable<string> args, bool throughDotnetRun = false)
    {
        var appHost = new Projects.AppHost();
        string[] command = throughDotnetRun
            ? ["run", "--no-build", "--project", appHost.ProjectPath, "--", .. args]
            : [appHost.TargetPath, .. args];
        var info = new ProcessStartInfo("dotnet", command)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["AppHost__StateDirectory"] = stateDirectory;
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["NO_COLOR"] = "1";

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var children = new HashSet<string>(StringComparer.Ordinal);
        var exited = process.WaitForExitAsync(TestContext.Current.CancellationToken);
        while (!exited.IsCompleted)
        {
            foreach (var pid in ProcessTable.TreesOf([process.Id]).Where(pid => pid != process.Id))
            {
                children.Add(CommandLineOf(pid));
            }

            await Task.WhenAny(exited, Task.Delay(10, TestContext.Current.CancellationToken));
        }

        await exited.WaitAsync(TimeSpan.FromMinutes(2), TestContext.Current.CancellationToken);
        return new PublishProcess(process.ExitCode, await output, await error, [.. children]);
    }

    private static string CommandLineOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }
}
