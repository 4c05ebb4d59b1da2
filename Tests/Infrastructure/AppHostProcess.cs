using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Tests.Infrastructure;

/// <summary>
/// The real AppHost as a user runs it: its own process, printing Aspire's dashboard login URL, stopped with a signal.
/// Ports are free ones and the data throw-away (random ports), so it runs beside a developer's own AppHost.
/// </summary>
internal sealed partial class AppHostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly TaskCompletionSource<Uri> loginUrl = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppHostProcess(Process process) => this.process = process;

    public int ProcessId => process.Id;

    public string Output => string.Join('\n', output);

    public Task<Uri> LoginUrl => loginUrl.Task;

    public static AppHostProcess Start(IReadOnlyDictionary<string, string>? environment = null)
    {
        // Projects.AppHost.ProjectPath is the AppHost's folder.
        var info = new ProcessStartInfo("dotnet", [Path.Combine(Projects.AppHost.ProjectPath, "bin", BuiltProjects.Configuration, BuiltProjects.TargetFramework, "AppHost.dll")])
        {
            WorkingDirectory = Projects.AppHost.ProjectPath,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // What the launch profile gives `dotnet run --project AppHost`, on free ports.
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = $"http://localhost:{FreePort()}";
        info.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{FreePort()}";
        info.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{FreePort()}";
        info.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        info.Environment["DcpPublisher__RandomizePorts"] = "true";
        info.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var host = new AppHostProcess(new Process { StartInfo = info });
        host.process.OutputDataReceived += (_, e) => host.OnLine(e.Data);
        host.process.ErrorDataReceived += (_, e) => host.OnLine(e.Data);
        host.process.Start();
        host.process.BeginOutputReadLine();
        host.process.BeginErrorReadLine();
        return host;
    }

    /// <summary>Waits for Aspire's "Distributed application started" line.</summary>
    public async Task WaitUntilStartedAsync(TimeSpan timeout)
    {
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(started.Task, exited).WaitAsync(timeout) == exited)
        {
            throw new InvalidOperationException($"The AppHost exited with {process.ExitCode} before it started:\n{Output}");
        }
    }

    /// <summary>Every process of the app: the orchestrator (which detaches from the AppHost) and all it started.</summary>
    public IReadOnlyList<int> AppProcesses() =>
        ProcessTable.TreesOf([process.Id, .. ProcessTable.WithCommandLineContaining($"--monitor {process.Id} ")]);

    public void Signal(int signal) =>
        Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await process.WaitForExitAsync().WaitAsync(timeout);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            var leftovers = AppProcesses();
            Signal(2);
            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill(entireProcessTree: true);
            }

            await ProcessTable.WaitUntilGoneAsync(leftovers, TimeSpan.FromSeconds(20));
        }

        process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        if (LoginLine().Match(line) is { Success: true } login)
        {
            loginUrl.TrySetResult(new Uri(login.Groups[1].Value));
        }

        if (line.Contains("Distributed application started", StringComparison.Ordinal))
        {
            started.TrySetResult();
        }
    }

    [GeneratedRegex(@"Login to the dashboard at (\S+)")]
    private static partial Regex LoginLine();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
