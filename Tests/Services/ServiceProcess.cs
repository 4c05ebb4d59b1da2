using System.Diagnostics;
using System.Globalization;

namespace Tests.Services;

/// <summary>
/// A service's build output run as its own process, the way the AppHost and DCP run it, with its output lines; ended
/// (whole tree) when disposed.
/// </summary>
internal sealed class ServiceProcess : IDisposable
{
    private readonly List<string> lines = [];
    private readonly List<string> errorLines = [];
    private readonly Lock gate = new();

    private ServiceProcess(Process process)
    {
        Process = process;
        process.OutputDataReceived += (_, e) => Add(e.Data);
        process.ErrorDataReceived += (_, e) => Add(e.Data, isError: true);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public string Output
    {
        get
        {
            lock (gate)
            {
                return string.Join('\n', lines);
            }
        }
    }

    /// <summary>What it wrote to stderr, line by line.</summary>
    public IReadOnlyList<string> ErrorLines
    {
        get
        {
            lock (gate)
            {
                return [.. errorLines];
            }
        }
    }

    /// <summary>Starts <paramref name="project"/> with only the telemetry settings given here, never the test process's own.</summary>
    public static ServiceProcess Start(IProjectMetadata project, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet", [project.TargetPath])
        {
            WorkingDirectory = Path.GetDirectoryName(project.ProjectPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var inherited in info.Environment.Keys.Where(k => k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(inherited);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return new ServiceProcess(Process.Start(info)!);
    }

    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!HasLine(text))
        {
            if (Process.HasExited || DateTime.UtcNow > deadline)
            {
                Assert.Fail($"no line with '{text}' (exited: {Process.HasExited}):\n{Output}");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Waits for the process to end on its own, and for all of its output; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await Process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(timeout, TestContext.Current.CancellationToken);
        return Process.ExitCode;
    }

    /// <summary>Sends SIGTERM, as DCP and Ctrl+C do, and returns how long the process took to exit.</summary>
    public async Task<TimeSpan> StopAsync()
    {
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", Process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        // Far past any bound a test asserts: a stuck process fails the test instead of hanging it.
        await Process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        return clock.Elapsed;
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
        }

        Process.Dispose();
    }

    private bool HasLine(string text)
    {
        lock (gate)
        {
            return lines.Any(l => l.Contains(text, StringComparison.Ordinal));
        }
    }

    private void Add(string? line, bool isError = false)
    {
        if (line is not null)
        {
            lock (gate)
            {
                lines.Add(line);
                if (isError)
                {
                    errorLines.Add(line);
                }
            }
        }
    }
}
