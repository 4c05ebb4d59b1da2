using System.Diagnostics;

namespace Startup;

/// <summary>
/// A checkout of the repository whose app is measured: this one, or a baseline built beside it in a worktree of its
/// own (<c>git worktree add --detach ../base 061eb61</c>, then <c>dotnet build AppHost</c> and
/// <c>dotnet build -c Release benchmarks/Startup</c> there).
/// </summary>
internal sealed record Checkout(string Name, string Root)
{
    /// <summary>The home-made engine (AppHost/Orchestration) that Aspire replaced: it prints and measures differently.</summary>
    public bool IsOldEngine => Directory.Exists(Path.Combine(Root, "AppHost", "Orchestration"));

    /// <summary>The data the AppHost keeps across runs (<c>WithDataVolume</c>), apart from the developer's own.</summary>
    public string StateFolder => Path.Combine(Path.GetTempPath(), "startup-benchmark", Path.GetFileName(Root.TrimEnd('/')) + "-" + Name.Split(' ')[0], "state");

    /// <summary>The Api as <c>dotnet run --project AppHost</c> (Debug) builds it.</summary>
    public string ApiDll => Path.Combine(Root, "Api", "bin", "Debug", "net10.0", "Api.dll");

    /// <summary>This benchmark as built in that checkout, in the configuration this one runs in.</summary>
    public string BenchmarkDll => Path.Combine(Root, "benchmarks", "Startup", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "Startup.dll");

    public static Checkout This()
    {
        // Projects.AppHost.ProjectPath is the AppHost's folder.
        var root = Path.GetFullPath(Path.Combine(Projects.AppHost.ProjectPath, ".."));
        return new Checkout($"this build ({Commit(root)})", root);
    }

    public static Checkout Baseline(string root)
    {
        root = Path.GetFullPath(root);
        return new Checkout($"baseline ({Commit(root)})", root);
    }

    private static string Commit(string root)
    {
        var git = new ProcessStartInfo("git", ["-C", root, "describe", "--always", "--dirty"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(git)!;
        var commit = process.StandardOutput.ReadToEnd().Trim();
        process.WaitForExit();
        return commit.Length > 0 ? commit : "?";
    }
}
