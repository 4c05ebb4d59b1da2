using System.Globalization;
using Startup;

// Start and stop figures of the app (issue 18, item 7); see this folder's README.
// --runs N (default 5); --baseline DIR: another checkout, built, measured in turn with this one in the same run;
// --harness-only: the test app alone; --skip-fresh: no run on an empty state folder; --services-without-telemetry:
// (a diagnostic) the test apps' services with their OpenTelemetry SDK off.
var withoutTelemetry = args.Contains(TestAppRun.WithoutTelemetryOption);
if (args.Contains(TestAppRun.ChildOption))
{
    await TestAppRun.MeasureHereAsync(withoutTelemetry);
    return;
}

var runs = Option("--runs") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 5;
var harnessOnly = args.Contains("--harness-only");
var skipFresh = args.Contains("--skip-fresh");
var thisBuild = Checkout.This();
List<Checkout> checkouts = Option("--baseline") is { } baseline ? [Checkout.Baseline(baseline), thisBuild] : [thisBuild];
var report = new Report(thisBuild, checkouts);

Console.WriteLine($"Measuring {runs} run(s) of each, alternated: {string.Join(", ", checkouts.Select(c => $"{c.Name} in {c.Root}"))}.");
Console.WriteLine($"{Environment.ProcessorCount} cores; load average {LoadAverage()}.");

// Unmeasured: each checkout's AppHost once (its build checked, its state folder made, the disk cache warm) and one test app.
foreach (var checkout in checkouts)
{
    Console.WriteLine($"warm-up, {checkout.Name}...");
    if (!harnessOnly)
    {
        await AppHostRun.MeasureAsync(checkout, freshState: false, stop: true);
    }

    await TestAppRun.MeasureAsync(checkout, withoutTelemetry);
}

for (var run = 1; run <= runs; run++)
{
    // Alternated, and the order swapped every run, so that neither side always follows the other.
    var order = run % 2 == 1 ? checkouts : [.. Enumerable.Reverse(checkouts)];
    Console.WriteLine($"run {run} of {runs}, load average {LoadAverage()}");
    if (!harnessOnly)
    {
        foreach (var checkout in order)
        {
            await MeasureAsync(checkout, "bare `dotnet Api.dll` to listening (no AppHost)", async () => Record(checkout, "bare `dotnet Api.dll` to listening (no AppHost)", await BareApiProbe.ListeningAsync(checkout)));
        }

        if (!skipFresh)
        {
            foreach (var checkout in order)
            {
                const string row = "`dotnet run --project AppHost`, empty state folder (initdb), to api /health 200";
                await MeasureAsync(checkout, row, async () => Record(checkout, row, (await AppHostRun.MeasureAsync(checkout, freshState: true, stop: false)).ApiHealthy));
            }
        }

        foreach (var checkout in order)
        {
            await MeasureAsync(checkout, "warm `dotnet run --project AppHost`", async () =>
            {
                var result = await AppHostRun.MeasureAsync(checkout, freshState: false, stop: true);
                report.AddPhases(checkout, "warm `dotnet run --project AppHost`: s after its start", result.StartPhases);
                report.AddPhases(checkout, "Ctrl+C: s until each kind of process was gone", result.StopPhases);
                Record(checkout, "warm `dotnet run --project AppHost` (existing data) to api /health 200", result.ApiHealthy, 5);
                if (result.AllGone is { } allGone)
                {
                    Record(checkout, "Ctrl+C to every process of the app gone", allGone, 2);
                }
                else
                {
                    Console.Write("(not every process gone within 60 s) ");
                }
            });
        }
    }

    foreach (var checkout in order)
    {
        await MeasureAsync(checkout, "test app", async () =>
        {
            var result = await TestAppRun.MeasureAsync(checkout, withoutTelemetry);
            report.AddPhases(checkout, "test app: s after CreateAsync", result.Phases);
            Record(checkout, "test app: `CreateAsync<Projects.AppHost>` to api healthy", result.Healthy, 4);
            Record(checkout, "test app: `DisposeAsync`", result.Dispose, 1);
            if (result.AllGone is { } allGone)
            {
                Record(checkout, "test app: `DisposeAsync` to every process it started gone", allGone);
            }
        });
    }
}

Console.WriteLine($"load average at the end {LoadAverage()}.");
report.Print();

// One measurement: its figures printed as they come; a failure is printed and leaves the run's other figures standing.
static async Task MeasureAsync(Checkout checkout, string name, Func<Task> measure)
{
    Console.Write($"  {name}, {checkout.Name}: ");
    try
    {
        await measure();
        Console.WriteLine();
    }
    catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException)
    {
        Console.WriteLine($"failed: {e.Message}");
    }
}

void Record(Checkout checkout, string row, TimeSpan value, double? goalSeconds = null)
{
    report.Row(row, goalSeconds);
    report.Add(checkout, row, value);
    Console.Write(string.Create(CultureInfo.InvariantCulture, $"{value.TotalSeconds:0.00} s "));
}

string? Option(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
