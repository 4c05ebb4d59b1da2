using System.Diagnostics;

namespace Tests.DbCommands;

/// <summary>
/// Runs <c>MigrationService &lt;command&gt;</c> as a developer would: a real process, in a folder of the test's choosing
/// (an empty temporary one by default, so no env file or AppHost state of the checkout leaks in), with exactly the
/// variables the test gives it.
/// </summary>
internal static class DbCommand
{
    private static readonly string[] InheritedTargeting =
        ["DATABASE_URL", "ConnectionStrings__appdb", "ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_ENVIRONMENT", "AppHost__StateDirectory", "OTEL_EXPORTER_OTLP_ENDPOINT"];

    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string All => Output + Error;

        public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }

    public static string RepositoryRoot => Path.GetDirectoryName(Path.GetDirectoryName(new Projects.MigrationService().ProjectPath))!;

    public static async Task<Result> RunAsync(
        IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null,
        string? input = null)
    {
        using var folder = workingDirectory is null ? new TempFolder() : null;
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? folder!.Path,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(new Projects.MigrationService().TargetPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var name in InheritedTargeting)
        {
            info.Environment.Remove(name);
        }

        // What a shell in that folder would set; export prints its path relative to it.
        info.Environment["PWD"] = info.WorkingDirectory;

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input);
        }

        // Closed input is what a script or CI gives: a prompt then reads end-of-file.
        process.StandardInput.Close();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        return new Result(process.ExitCode, await output, await error);
    }

    public static Task<Result> RunAsync(string connectionString, params string[] args) =>
        RunAsync(args, new Dictionary<string, string> { ["ConnectionStrings__appdb"] = connectionString });
}

/// <summary>A temporary folder deleted when the test is done.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("dbcmd-test-").FullName;

    public string File(string name, string content)
    {
        var path = System.IO.Path.Combine(Path, name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process of the test may still hold a file for a moment; the OS cleans temp later.
        }
    }
}
