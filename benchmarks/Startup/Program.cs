using Startup;

// Startup and shutdown figures of issue #2; see the README's "Performance" section.
// --runs N (default 3); --harness-only measures the test harness alone (for quick before/after pairs);
// --api-health measures the API process alone to its first healthy /health, and with --baseline-api PATH/Api.dll another
// build of it in turn, in the same run.
var runsAt = Array.IndexOf(args, "--runs");
var runs = runsAt >= 0 && runsAt + 1 < args.Length ? int.Parse(args[runsAt + 1], System.Globalization.CultureInfo.InvariantCulture) : 3;
var harnessOnly = args.Contains("--harness-only");
var report = new Report();
if (args.Contains("--api-health"))
{
    var baselineAt = Array.IndexOf(args, "--baseline-api");
    await ApiHealthProbe.MeasureAsync(report, runs, baselineAt >= 0 && baselineAt + 1 < args.Length ? args[baselineAt + 1] : null);
    report.Print();
    return;
}

Console.WriteLine($"Measuring {runs} run(s) of each; the machine has {Environment.ProcessorCount} cores.");
if (!harnessOnly)
{
await report.MeasureAsync("baseline: bare `dotnet Api.dll` to listening (no AppHost)", runs, BaselineProbe.ApiListeningAsync);
await report.MeasureAsync("`dotnet run --project AppHost`, empty state (initdb), to ready", runs, async () => (await AppHostRun.MeasureAsync(freshState: true)).Ready);
var warm = await Report.MeasureManyAsync("AppHost with existing state", runs, () => AppHostRun.MeasureAsync(freshState: false));
report.Add("`dotnet run --project AppHost`, existing state, to ready", warm.Select(w => w.Ready));
report.Add("  of which the AppHost's own \"ready in\" (engine only, no dotnet run)", warm.Select(w => w.EngineReady));
report.Add("Ctrl+C to the last child process gone", warm.Select(w => w.Shutdown));
}

var harness = await Report.MeasureManyAsync("test harness", runs, HarnessRun.MeasureAsync);
report.Add("test harness: StartAsync<Projects.AppHost> to every resource settled", harness.Select(h => h.Start));
report.Add("  of which PostgreSQL healthy", harness.Select(h => h.PostgresHealthy));
report.Add("  of which migrations finished", harness.Select(h => h.MigrationsFinished));
report.Add("  of which every API replica healthy", harness.Select(h => h.ApiHealthy));
report.Add("test harness: DisposeAsync", harness.Select(h => h.Dispose));
report.Print();
