using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AppHost.Orchestration.Testing;

namespace Startup;

/// <summary>
/// The API process alone, from its start to its first healthy <c>/health</c> (PostgreSQL, the cache and the schema
/// checked), against the harness's servers and with the environment the AppHost gave its own API (connection strings,
/// telemetry to the dashboard). Given a second build's <c>Api.dll</c>, the two are measured in turn in the same run, on
/// the same servers: this build, the other, this build...
/// </summary>
internal static class ApiHealthProbe
{
    public static async Task MeasureAsync(Report report, int runs, string? baselineApi)
    {
        await using var app = await DistributedApplicationTestingBuilder.StartAsync<Projects.AppHost>();
        var environment = app.ResourceNotifications.TryGet("api")!.Environment;
        var builds = new List<(string Name, string Dll)> { ("this build", ThisBuildsApiDll()) };
        if (baselineApi is not null)
        {
            builds.Add(("baseline", Path.GetFullPath(baselineApi)));
        }

        var samples = builds.ToDictionary(b => b.Name, _ => new List<TimeSpan>());
        for (var run = 0; run < runs; run++)
        {
            foreach (var (name, dll) in builds)
            {
                var elapsed = await FirstHealthyAsync(dll, environment);
                Console.WriteLine($"api start to first healthy /health, {name} ({dll}): run {run + 1} of {runs}: {elapsed}");
                samples[name].Add(elapsed);
            }
        }

        foreach (var (name, dll) in builds)
        {
            report.Add($"api process start to first healthy /health, {name}", samples[name]);
        }
    }

    private static async Task<TimeSpan> FirstHealthyAsync(string dll, IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet", [dll]) { WorkingDirectory = Path.GetDirectoryName(dll)!, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            while (clock.Elapsed < TimeSpan.FromMinutes(1) && !process.HasExited)
            {
                try
                {
                    using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
                    if (health.StatusCode == HttpStatusCode.OK)
                    {
                        return clock.Elapsed;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(10);
            }

            throw new InvalidOperationException($"{dll} never answered a healthy /health.");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    // The API built in this benchmark's configuration (bin/{Configuration}/net10.0/), as the harness runs it.
    private static string ThisBuildsApiDll() =>
        Path.Combine(AppHostRun.RepositoryRoot(), "Api", "bin", new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "Api.dll");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
