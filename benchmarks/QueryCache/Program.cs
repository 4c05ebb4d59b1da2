using System.Globalization;
using AppHost.Orchestration.Testing;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using QueryCacheBenchmarks;

// The query cache's figures (issue #4), all from one run of the app on this machine; see the README's "Query cache".
var httpSeconds = args.Length > 1 && args[0] == "--http-seconds" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
var skipDbContext = args.Contains("--skip-dbcontext");
Console.WriteLine($"Starting the app (PostgreSQL, cache server, two API replicas); {Environment.ProcessorCount} cores.");
await using var app = await DistributedApplicationTestingBuilder.StartAsync<Projects.AppHost>();
DbContextBenchmarks.Database = app.GetConnectionString("appdb")!;
DbContextBenchmarks.Cache = app.GetConnectionString("cache")!;

// In-process: the benchmarks use the app started above.
var config = ManualConfig.CreateMinimumViable()
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
var summary = skipDbContext ? null : BenchmarkRunner.Run<DbContextBenchmarks>(config);

var http = await HttpBenchmark.RunAsync(app.GetEndpoint("api", 0), TimeSpan.FromSeconds(httpSeconds), connections: 32);
var delays = await InvalidationDelayBenchmark.RunAsync(DbContextBenchmarks.Database, DbContextBenchmarks.Cache, samples: 500);

Console.WriteLine();
Console.WriteLine("## DbContext level (BenchmarkDotNet, mean per query)");
foreach (var report in summary?.Reports ?? [])
{
    Console.WriteLine($"{report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo,-28} {report.ResultStatistics?.Mean / 1000:F1} µs");
}

Console.WriteLine();
Console.WriteLine($"## HTTP level (wrk, 2 threads, 32 connections, {httpSeconds} s each, one replica)");
foreach (var (name, rps, latency) in http)
{
    Console.WriteLine($"{name,-45} {rps,10:F0} req/s   mean latency {latency}");
}

var noDb = http[0].RequestsPerSecond;
var cached = http[1].RequestsPerSecond;
var direct = http[2].RequestsPerSecond;
Console.WriteLine($"cached / direct = {cached / direct:F2}x   cached / no-database = {cached / noDb:P0}");

Console.WriteLine();
Array.Sort(delays);
Console.WriteLine($"## Cross-instance invalidation delay ({delays.Length} writes)");
Console.WriteLine($"p50 {delays[delays.Length / 2].TotalMilliseconds:F2} ms   p99 {delays[(int)(delays.Length * 0.99)].TotalMilliseconds:F2} ms   max {delays[^1].TotalMilliseconds:F2} ms");
