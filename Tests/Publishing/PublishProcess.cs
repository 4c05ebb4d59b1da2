using System.Diagnostics;

namespace Tests.Publishing;

/// <summary>
/// The real AppHost in publish mode, as a user or azd runs it (its own process, a working directory, relative paths),
/// watched while it runs: every process it starts is recorded, so a test can show that nothing was.
/// </summary>
internal sealed record PublishProcess(int ExitCode, string Output, string Error, IReadOnlyList<string> ChildCommandLines)
{
    public static string AppHostDll => Path.Combine(Projects.AppHost.ProjectPath, "bin", BuiltProjects.Configuration, BuiltProjects.TargetFramework, "AppHost.dll");

    /// <summary>
    /// <c>dotnet run --no-build --project AppHost -- args</c> from <paramref name="workingDirectory"/>, or
    /// <c>dotnet AppHost.dll args</c>; <paramref name="home"/> replaces the user's home folder when given.
    /// </summary>
    public static async Task<PublishProcess> RunAsync(string workingDirectory, IEnumerable<string> args, bool throughDotnetRun = false, string? home = null)
    {
        string[] command = throughDotnetRun
            ? ["run", "--no-build", "--project", Projects.AppHost.ProjectPath, "--", .. args]
            : [AppHostDll, .. args];
        var info = new ProcessStartInfo("dotnet", command)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        info.Environment["NO_COLOR"] = "1";
        if (home is not null)
        {
            info.Environment["HOME"] = home;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        var children = new HashSet<string>(StringComparer.Ordinal);
        var exited = process.WaitForExitAsync(TestContext.Current.CancellationToken);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!exited.IsCompleted)
        {
            if (DateTime.UtcNow > deadline)
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"the AppHost was still running after 2 minutes:\n{await output}");
            }

            foreach (var pid in ProcessTable.TreesOf([process.Id]).Where(pid => pid != process.Id))
            {
                children.Add(ProcessTable.CommandLineOf(pid));
            }

            await Task.WhenAny(exited, Task.Delay(10, TestContext.Current.CancellationToken));
        }

        await exited;
        return new PublishProcess(process.ExitCode, await output, await error, [.. children.Where(c => c.Length > 0)]);
    }
}
