using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Startup;

/// <summary>
/// A test app of the AppHost's model (Aspire.Hosting.Testing, as Tests/Infrastructure/TestApps.cs makes it): from
/// <c>CreateAsync&lt;Projects.AppHost&gt;</c> to the api healthy, then <c>DisposeAsync</c>, then every process it
/// started gone. Each measurement runs in a process of its own, as one test class's first app does, so that both
/// builds pay the same JIT and neither profits from an earlier app in the same process.
/// </summary>
internal static partial class TestAppRun
{
    public const string ChildOption = "--test-app-once";

    /// <summary>Diagnostic: the services' OpenTelemetry SDK off (<c>OTEL_SDK_DISABLED</c>), to see what their exports cost.</summary>
    public const string WithoutTelemetryOption = "--services-without-telemetry";

    private const string ResultPrefix = "test-app-result: ";

    public sealed record Result(TimeSpan Healthy, TimeSpan Dispose, TimeSpan? AllGone, Dictionary<string, TimeSpan> Phases);

    /// <summary>Runs one measurement in a new process of the checkout's own build of this benchmark.</summary>
    public static async Task<Result> MeasureAsync(Checkout checkout, bool withoutTelemetry)
    {
        // The old engine's build of this benchmark measures its own test harness with --harness-only.
        var arguments = checkout.IsOldEngine
            ? new[] { checkout.BenchmarkDll, "--harness-only", "--runs", "1" }
            : [checkout.BenchmarkDll, ChildOption, .. withoutTelemetry ? [WithoutTelemetryOption] : Array.Empty<string>()];
        var info = new ProcessStartInfo("dotnet", arguments) { WorkingDirectory = checkout.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        var text = await output;
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', arguments)} exited with {process.ExitCode}:\n{text}\n{await error}");
        }

        return checkout.IsOldEngine ? ParseOldHarness(text) : ParseResult(text);
    }

    /// <summary>The measurement itself, in this process (<see cref="ChildOption"/>): prints one result line.</summary>
    public static async Task MeasureHereAsync(bool withoutTelemetry)
    {
        var phases = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var processes = new AppProcessWatch(Environment.ProcessId, AppProcessWatch.SecondsSinceBoot()) { Monitored = Environment.ProcessId };
        using var scanning = new CancellationTokenSource();
        var scans = ScanAsync(processes, scanning.Token);
        using var timeout = new CancellationTokenSource(BenchmarkApp.StartTimeout);
        var builder = await BenchmarkApp.CreateBuilderAsync(timeout.Token);
        if (withoutTelemetry)
        {
            foreach (var project in builder.Resources.OfType<ProjectResource>())
            {
                builder.CreateResourceBuilder(project).WithEnvironment("OTEL_SDK_DISABLED", "true");
            }
        }

        phases["model created (CreateAsync)"] = clock.Elapsed;
        var app = await builder.BuildAsync(timeout.Token);
        phases["built (BuildAsync)"] = clock.Elapsed;
        TimeSpan healthy;
        IReadOnlyCollection<int> started;
        try
        {
            using var watching = new CancellationTokenSource();
            var milestones = WatchMilestonesAsync(app, clock, watching.Token);
            await app.StartAsync(timeout.Token);
            phases["StartAsync returned"] = clock.Elapsed;
            await app.WaitForEveryReplicaHealthyAsync("api", timeout.Token);
            healthy = clock.Elapsed;
            await watching.CancelAsync();
            await scanning.CancelAsync();
            await scans;
            foreach (var (name, at) in (await milestones).Concat(processes.Started))
            {
                phases[name] = at;
            }

            // The orchestrator detaches from this process and monitors it; everything else descends from one of the two.
            started = processes.Scan();
        }
        finally
        {
            clock.Restart();
            await app.DisposeAsync();
        }

        var dispose = clock.Elapsed;
        while (started.Any(ProcessTable.IsAlive) && clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(5);
        }

        TimeSpan? allGone = started.Any(ProcessTable.IsAlive) ? null : clock.Elapsed;
        var result = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["healthy"] = healthy.TotalSeconds,
            ["dispose"] = dispose.TotalSeconds,
        };
        if (allGone is { } gone)
        {
            result["allGone"] = gone.TotalSeconds;
        }

        foreach (var (name, at) in phases)
        {
            result["phase:" + name] = at.TotalSeconds;
        }

        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(result));
    }

    /// <summary>The app's processes as they start, every 100 ms (their start times are exact whenever they are seen).</summary>
    private static async Task ScanAsync(AppProcessWatch processes, CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                processes.Scan();
                await Task.Delay(100, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>When the critical path's resources got there, from Aspire's resource notifications.</summary>
    private static async Task<Dictionary<string, TimeSpan>> WatchMilestonesAsync(DistributedApplication app, Stopwatch clock, CancellationToken cancellationToken)
    {
        var milestones = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        try
        {
            await foreach (var update in app.ResourceNotifications.WatchAsync(cancellationToken))
            {
                var name = update.Resource.Name;
                if (update.Snapshot.HealthStatus == HealthStatus.Healthy)
                {
                    milestones.TryAdd($"{name} healthy", clock.Elapsed);
                }

                if (update.Snapshot.State?.Text is { } state && (state == KnownResourceStates.Running || state == KnownResourceStates.Finished))
                {
                    milestones.TryAdd($"{name} {state.ToLowerInvariant()}", clock.Elapsed);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        return milestones;
    }

    private static Result ParseResult(string output)
    {
        var line = output.Split('\n').Single(l => l.StartsWith(ResultPrefix, StringComparison.Ordinal));
        var values = JsonSerializer.Deserialize<Dictionary<string, double>>(line[ResultPrefix.Length..])!;
        var phases = values.Where(v => v.Key.StartsWith("phase:", StringComparison.Ordinal)).ToDictionary(v => v.Key["phase:".Length..], v => TimeSpan.FromSeconds(v.Value), StringComparer.Ordinal);
        return new Result(
            TimeSpan.FromSeconds(values["healthy"]),
            TimeSpan.FromSeconds(values["dispose"]),
            values.TryGetValue("allGone", out var gone) ? TimeSpan.FromSeconds(gone) : null,
            phases);
    }

    /// <summary>The old engine's harness run: <c>Result { Start = ..., Dispose = ..., PostgresHealthy = ..., MigrationsFinished = ..., ApiHealthy = ... }</c>.</summary>
    private static Result ParseOldHarness(string output)
    {
        var fields = OldHarnessField().Matches(output).ToDictionary(m => m.Groups[1].Value, m => TimeSpan.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), StringComparer.Ordinal);
        var phases = new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
        {
            ["postgres healthy"] = fields["PostgresHealthy"],
            ["migrations finished"] = fields["MigrationsFinished"],
            ["api healthy"] = fields["ApiHealthy"],
            ["every resource settled (old engine's harness)"] = fields["Start"],
        };
        return new Result(fields["ApiHealthy"], fields["Dispose"], null, phases);
    }

    [GeneratedRegex(@"\b(Start|Dispose|PostgresHealthy|MigrationsFinished|ApiHealthy) = (\d+:\d\d:\d\d(?:\.\d+)?)")]
    private static partial Regex OldHarnessField();
}
