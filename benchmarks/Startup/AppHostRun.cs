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
    private readonly ConcurrentQueue<string> lastLines = new();
    private Process? dotnetRun;
    private AppProcessWatch? processes;

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
            foreach (var (name, at) in run.processes!.Started)
            {
                run.phases.TryAdd(name, at);
            }

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
        processes = new AppProcessWatch(dotnetRun.Id, (ProcessTable.Read(dotnetRun.Id)?.StartTicks ?? 0) / ProcessTable.TicksPerSecond);
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
                throw new InvalidOperationException($"`dotnet run --project AppHost` in {checkout.Root} exited with {dotnetRun.ExitCode} before the api was healthy; its last lines:\n{string.Join('\n', lastLines)}");
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

        throw new TimeoutException($"The api of {checkout.Name} was not healthy within 3 minutes; the AppHost's last lines:\n{string.Join('\n', lastLines)}");
    }

    /// <summary>Finds the app's new processes; returns the api's address once it has one.</summary>
    private Uri? Discover()
    {
        Uri? api = null;
        foreach (var pid in processes!.Scan())
        {
            var label = processes.LabelOf(pid);
            if (label == "AppHost")
            {
                processes.Monitored ??= pid;
            }

            if (label is "api" or "api (its dotnet run)"
                && ProcessTable.EnvironmentOf(pid).GetValueOrDefault("ASPNETCORE_URLS") is { Length: > 0 } urls)
            {
                api = new Uri(new Uri(urls.Split(';')[0].Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal)), "/health");
            }
        }

        return api;
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
        var app = processes!.Scan().ToDictionary(pid => pid, processes.LabelOf);
        var gone = new Dictionary<int, TimeSpan>();
        var stopping = Stopwatch.StartNew();
        Interrupt(dotnetRun!.Id);
        while (gone.Count < app.Count && stopping.Elapsed < TimeSpan.FromMinutes(1))
        {
            foreach (var pid in app.Keys.Where(pid => !gone.ContainsKey(pid) && !ProcessTable.IsAlive(pid)).ToList())
            {
                gone[pid] = stopping.Elapsed;
            }

            await Task.Delay(5);
        }

        // The last process of each kind to go is when that kind was gone.
        var byLabel = gone.GroupBy(g => app[g.Key], StringComparer.Ordinal).ToDictionary(g => $"{g.Key} gone", g => g.Max(p => p.Value), StringComparer.Ordinal);
        return (gone.Count == app.Count ? gone.Values.Max() : null, byLabel);
    }

    /// <summary>A failed or finished measurement leaves nothing running: Ctrl+C again, then SIGKILL what is left.</summary>
    private async Task EndAsync()
    {
        if (dotnetRun is null || processes is null)
        {
            return;
        }

        var leftovers = processes.Scan();
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

        // Aspire's update lines hold the resources' environments, secrets included: only their gist is kept or shown.
        var shown = resource is null ? line : $"[{now.TotalSeconds:0.000}] {resource}: {state}{(healthy ? " (healthy)" : "")}";
        lastLines.Enqueue(shown);
        while (lastLines.Count > 40)
        {
            lastLines.TryDequeue(out _);
        }

        if (Environment.GetEnvironmentVariable(Echo) == "1")
        {
            Console.Error.WriteLine(shown);
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
