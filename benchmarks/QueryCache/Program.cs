using System.Globalization;
using Aspire.Hosting.Testing;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using QueryCacheBenchmarks;

// The query cache's figures (issue #4), all from one run of the app on this machine; see the README's "Query cache".
var httpSeconds = IntOption("--http-seconds", 10);
var httpRounds = IntOption("--http-rounds", 3);
var skipDbContext = args.Contains("--skip-dbcontext");
var apiReplicas = IntOption("--api-replicas", 2);
if (args.Contains("--directory-memory"))
{
    DirectoryMemory.Run();
    return;
}

Console.WriteLine($"Starting the app (PostgreSQL, cache server, {(apiReplicas == 2 ? "two" : apiReplicas)} API replicas); {Environment.ProcessorCount} cores.");
var builder = await BenchmarkApp.CreateBuilderAsync();
builder.CreateResourceBuilder<ProjectResource>("api").WithReplicas(apiReplicas);
await using var app = await BenchmarkApp.StartAsync(builder);
DbContextBenchmarks.Database = (await app.GetConnectionStringAsync("appdb"))!;
DbContextBenchmarks.Cache = (await app.GetConnectionStringAsync("cache"))!;
if (args.Contains("--l1-loop"))
{
    await L1HitLoop.RunAsync(DbContextBenchmarks.Database, DbContextBenchmarks.Cache, TimeSpan.FromSeconds(IntOption("--l1-loop", 30)));
    return;
}

if (args.Contains("--miss-loop"))
{
    await MissLoop.RunAsync(DbContextBenchmarks.Database, DbContextBenchmarks.Cache, TimeSpan.FromSeconds(IntOption("--miss-loop", 30)),
        sameQuery: args.Contains("--same-query"), bypass: args.Contains("--bypass"), sampleAllocations: args.Contains("--allocations"));
    return;
}

// In-process: the benchmarks use the app started above.
var config = ManualConfig.CreateMinimumViable()
    .AddJob(Job.ShortRun.WithIterationCount(9).WithToolchain(InProcessEmitToolchain.Instance))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
var summary = skipDbContext ? null : BenchmarkRunner.Run<DbContextBenchmarks>(config);

// The first replica's own address: wrk aims at one process, whose CPU time is read, not at the orchestrator's proxy.
var http = await HttpBenchmark.RunAsync(await app.ReplicaAddressAsync("api", 0), TimeSpan.FromSeconds(httpSeconds), connections: 32, httpRounds);
var delays = await InvalidationDelayBenchmark.RunAsync(DbContextBenchmarks.Database, DbContextBenchmarks.Cache, samples: 500);

Console.WriteLine();
// The minimum and median of the iterations as well as the mean: on a shared machine the mean follows the neighbours.
Console.WriteLine("## DbContext level (BenchmarkDotNet, per query: mean / median / min of 9 iterations)");
foreach (var report in summary?.Reports ?? [])
{
    var statistics = report.ResultStatistics;
    Console.WriteLine($"{report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo,-30} {statistics?.Mean / 1000,8:F1} / {statistics?.Median / 1000,8:F1} / {statistics?.Min / 1000,8:F1} µs");
}

Console.WriteLine();
Console.WriteLine($"## HTTP level (wrk, 2 threads, 32 connections, {httpSeconds} s each, {httpRounds} rounds of the three in turn, one replica)");
foreach (var round in http)
{
    foreach (var (name, rps, latency, apiCpu, machineCpu) in round)
    {
        Console.WriteLine($"{name,-45} {rps,10:F0} req/s   mean latency {latency,-8} CPU per request: API {apiCpu,6:F1} µs, machine {machineCpu,6:F1} µs");
    }

    Console.WriteLine($"{"",-45} cached / direct = {round[1].RequestsPerSecond / round[2].RequestsPerSecond:F2}x   cached / no-database = {round[1].RequestsPerSecond / round[0].RequestsPerSecond:P0}");
}

Console.WriteLine($"median of the rounds: no database {Median(r => r[0].RequestsPerSecond):F0}, cached {Median(r => r[1].RequestsPerSecond):F0}, direct {Median(r => r[2].RequestsPerSecond):F0} req/s; "
    + $"cached / direct = {Median(r => r[1].RequestsPerSecond / r[2].RequestsPerSecond):F2}x   cached / no-database = {Median(r => r[1].RequestsPerSecond / r[0].RequestsPerSecond):P0}");
Console.WriteLine($"median CPU per request, API / machine: no database {Median(r => r[0].ApiCpuMicroseconds ?? double.NaN):F1} / {Median(r => r[0].MachineCpuMicroseconds):F1} µs, "
    + $"cached {Median(r => r[1].ApiCpuMicroseconds ?? double.NaN):F1} / {Median(r => r[1].MachineCpuMicroseconds):F1} µs");

Console.WriteLine();
Array.Sort(delays);
Console.WriteLine($"## Cross-instance invalidation delay ({delays.Length} writes)");
Console.WriteLine($"p50 {delays[delays.Length / 2].TotalMilliseconds:F2} ms   p99 {delays[(int)(delays.Length * 0.99)].TotalMilliseconds:F2} ms   max {delays[^1].TotalMilliseconds:F2} ms");

double Median(Func<HttpBenchmark.Measurement[], double> value)
{
    var values = http.Select(value).Order().ToArray();
    return values.Length % 2 == 1 ? values[values.Length / 2] : (values[(values.Length / 2) - 1] + values[values.Length / 2]) / 2;
}

int IntOption(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
}
