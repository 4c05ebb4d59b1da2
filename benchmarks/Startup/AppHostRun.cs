using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;

namespace Startup;

/// <summary>
/// <c>dotnet run --project AppHost</c> as a user types it, timed to the API's first <c>/health</c> 200, then Ctrl+C
/// (SIGINT to its process group, as a terminal sends it) timed to every process of the app gone: the AppHost, the
/// orchestrator (Aspire's DCP detaches from the AppHost: found by <c>--monitor PID</c> on its command line) and all
/// their descendants. The same for either engine; phases on the way come from the processes' start times and exits
/// and from what the engine itself reports on each resource.
/// </summary>
internal sealed partial class AppHostRun
{
    private const string Echo = "BENCHMARK_ECHO";

    private readonly Checkout checkout;
    private readonly Stopwatch clock = new();
    private readonly ConcurrentDictionary<string, TimeSpan> phases = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> labels = [];
    private Process? dotnetRun;
    private long rootStartTicks;
    private int? appHostPid;

    private AppHostRun(Checkout checkout) => this.checkout = checkout;

    /// <summary>Api healthy, and (when asked for) every process gone after Ctrl+C; phases of each, from the start of <c>dotnet run</c> and of the Ctrl+C.</summary>
    public sealed record Result(TimeSpan ApiHealthy, IReadOnlyDictionary<string, TimeSpan> StartPhases, TimeSpan? AllGone, IReadOnlyDictionary<string, TimeSpan> StopPhases);

    public static async Task<Result> MeasureAsync(Checkout checkout, bool freshState, bool stop)
    {
        if (freshState && Directory.Exists(checkout.StateFolder))
        {
            Directory.Delete(checkout.StateFolder, recursive: true);
        }

        var run = new AppHostRun(checkout);
        try
        {
            var healthy = await run.StartAsync();
            var (allGone, stopPhases) = stop ? await run.StopAsync() : (null, new Dictionary<string, TimeSpan>());
            return new Result(healthy, new Dictionary<string, TimeSpan>(run.phases), allGone, stopPhases);
        }
        finally
        {
            await run.EndAsync();
        }
    }

    private async Task<TimeSpan> StartAsync()
    {
        // Free ports for what the launch profile would put on fixed ones (a developer's own AppHost may hold them),
        // and the profile's other variables; data kept in this benchmark's state folder. Both engines' settings are
        // given: each reads its own. SIGINT back to its default, since a shell's background job inherits it ignored.
        var info = new ProcessStartInfo("env", ["--default-signal=INT", "setsid", "dotnet", "run", "--project", "AppHost", "--no-launch-profile"])
        {
            WorkingDirectory = checkout.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in info.Environment.Keys.Where(n => n.StartsWith("OTEL_", StringComparison.Ordinal) || n.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = $"http://localhost:{FreePort()}";
        info.Environment["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = $"http://localhost:{FreePort()}";
        info.Environment["ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL"] = $"http://localhost:{FreePort()}";
        info.Environment["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true";
        info.Environment["DcpPublisher__RandomizePorts"] = "true";
        info.Environment["AppHost__StateFolder"] = checkout.StateFolder;
        info.Environment["AppHost__RandomizePorts"] = "true";
        info.Environment["AppHost__StateDirectory"] = checkout.StateFolder;
        info.Environment["NO_COLOR"] = "1";
        // Aspire logs each published resource state at Trace: when postgres, the cache, the migrations and the api
        // got where. (The old engine prints its own "[apphost] name: state" lines.)
        info.Environment["Logging__LogLevel__Aspire.Hosting.ApplicationModel.ResourceNotificationService"] = "Trace";

        clock.Start();
        dotnetRun = Process.Start(info)!;
        rootStartTicks = ProcessTable.Read(dotnetRun.Id)?.StartTicks ?? 0;
        dotnetRun.OutputDataReceived += (_, e) => OnLine(e.Data);
        dotnetRun.ErrorDataReceived += (_, e) => OnLine(e.Data);
        dotnetRun.BeginOutputReadLine();
        dotnetRun.BeginErrorReadLine();

        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        Uri? health = null;
        var nextScan = TimeSpan.Zero;
        while (clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (dotnetRun.HasExited)
            {
                throw new InvalidOperationException($"`dotnet run --project AppHost` in {checkout.Root} exited with {dotnetRun.ExitCode} before the api was healthy.");
            }

            if (clock.Elapsed >= nextScan)
            {
                health ??= Discover();
                nextScan = clock.Elapsed + TimeSpan.FromMilliseconds(100);
            }

            if (health is not null && await IsHealthyAsync(client, health))
            {
                var healthy = clock.Elapsed;
                phases.TryAdd("api /health 200 (this benchmark's poll)", healthy);
                Discover();
                return healthy;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"The api of {checkout.Name} was not healthy within 3 minutes.");
    }

    /// <summary>Finds the app's new processes and notes when each started; returns the api's address once it has one.</summary>
    private Uri? Discover()
    {
        var snapshot = ProcessTable.Snapshot();
        Uri? api = null;
        foreach (var pid in AppProcesses(snapshot))
        {
            if (!labels.TryGetValue(pid, out var label))
            {
                labels[pid] = label = ProcessTable.Label(pid);
                if (label == "AppHost")
                {
                    appHostPid ??= pid;
                }

                phases.TryAdd($"{label} process started", TimeSpan.FromSeconds((snapshot[pid].StartTicks - rootStartTicks) / ProcessTable.TicksPerSecond));
            }

            if (label is "api" or "api (its dotnet run)"
                && ProcessTable.EnvironmentOf(pid).GetValueOrDefault("ASPNETCORE_URLS") is { Length: > 0 } urls)
            {
                api = new Uri(new Uri(urls.Split(';')[0].Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal)), "/health");
            }
        }

        return api;
    }

    /// <summary><c>dotnet run</c>'s tree and the orchestrator's (which detaches from the AppHost it monitors).</summary>
    private HashSet<int> AppProcesses(Dictionary<int, ProcessEntry> snapshot)
    {
        var roots = new List<int> { dotnetRun!.Id };
        if (appHostPid is { } apphost && snapshot.TryGetValue(apphost, out var appHost))
        {
            // Only processes started since the AppHost can be its orchestrator: the machine's others are not read.
            var candidates = snapshot.Values.Where(p => p.StartTicks >= appHost.StartTicks).Select(p => p.Pid);
            roots.AddRange(ProcessTable.WithCommandLineContaining($"--monitor {apphost} ", candidates));
        }

        return ProcessTable.TreesOf(roots, snapshot);
    }

    private static async Task<bool> IsHealthyAsync(HttpClient client, Uri health)
    {
        try
        {
            using var response = await client.GetAsync(health);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    /// <summary>Ctrl+C, then every process of the app (as found just before) polled until it is gone.</summary>
    private async Task<(TimeSpan?, Dictionary<string, TimeSpan>)> StopAsync()
    {
        var processes = AppProcesses(ProcessTable.Snapshot()).ToDictionary(pid => pid, pid => labels.GetValueOrDefault(pid) ?? ProcessTable.Label(pid));
        var gone = new Dictionary<int, TimeSpan>();
        var stopping = Stopwatch.StartNew();
        Interrupt(dotnetRun!.Id);
        while (gone.Count < processes.Count && stopping.Elapsed < TimeSpan.FromMinutes(1))
        {
            foreach (var pid in processes.Keys.Where(pid => !gone.ContainsKey(pid) && !ProcessTable.IsAlive(pid)).ToList())
            {
                gone[pid] = stopping.Elapsed;
            }

            await Task.Delay(5);
        }

        // The last process of each kind to go is when that kind was gone.
        var byLabel = gone.GroupBy(g => processes[g.Key], StringComparer.Ordinal).ToDictionary(g => $"{g.Key} gone", g => g.Max(p => p.Value), StringComparer.Ordinal);
        return (gone.Count == processes.Count ? gone.Values.Max() : null, byLabel);
    }

    /// <summary>A failed or finished measurement leaves nothing running: Ctrl+C again, then SIGKILL what is left.</summary>
    private async Task EndAsync()
    {
        if (dotnetRun is null)
        {
            return;
        }

        var leftovers = AppProcesses(ProcessTable.Snapshot());
        if (leftovers.Count > 0)
        {
            Interrupt(dotnetRun.Id);
            var deadline = Stopwatch.StartNew();
            while (leftovers.Any(ProcessTable.IsAlive) && deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(100);
            }

            foreach (var pid in leftovers.Where(ProcessTable.IsAlive))
            {
                Console.Error.WriteLine($"  killing {pid} ({ProcessTable.CommandLineOf(pid)}): still running 30 s after Ctrl+C");
                _ = Kill(pid, 9);
            }
        }

        await dotnetRun.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        dotnetRun.Dispose();
    }

    /// <summary>Resource milestones as the engine reports them: Aspire's state log lines, or the old engine's own.</summary>
    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        var now = clock.Elapsed;
        string? resource = null, state = null;
        var healthy = false;
        if (AspireUpdate().Match(line) is { Success: true } aspire)
        {
            (resource, state, healthy) = (aspire.Groups["resource"].Value, aspire.Groups["state"].Value, aspire.Groups["health"].Value == "Healthy");
        }
        else if (OldEngineUpdate().Match(line) is { Success: true } old)
        {
            (resource, state, healthy) = (old.Groups["resource"].Value, old.Groups["state"].Value, old.Groups["healthy"].Success);
        }

        if (Environment.GetEnvironmentVariable(Echo) == "1")
        {
            // Aspire's update lines hold the resources' environments, secrets included: only their gist is shown.
            Console.Error.WriteLine(resource is null ? line : $"[{now.TotalSeconds:0.000}] {resource}: {state}{(healthy ? " (healthy)" : "")}");
        }

        if (resource is null || resource.EndsWith("-rebuilder", StringComparison.Ordinal))
        {
            return;
        }

        if (state is "Running" or "Finished")
        {
            phases.TryAdd($"{resource} {state.ToLowerInvariant()} (engine)", now);
        }

        if (healthy)
        {
            phases.TryAdd($"{resource} healthy (engine)", now);
        }
    }

    [GeneratedRegex(@"Resource (?<resource>[\w-]+)/[\w-]+ update published: .*?State = \{ Text = (?<state>[^,]*), .*?HeathStatus = (?<health>[\w()]+)")]
    private static partial Regex AspireUpdate();

    [GeneratedRegex(@"^\[apphost\] (?<resource>[\w-]+): (?<state>Running|Finished)(?<healthy> \(healthy\))?")]
    private static partial Regex OldEngineUpdate();

    /// <summary>What a terminal's Ctrl+C does: SIGINT to the whole foreground process group.</summary>
    private static void Interrupt(int processGroup) => _ = Kill(-processGroup, 2);

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
