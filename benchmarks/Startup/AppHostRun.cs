using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Startup;

/// <summary>
/// `dotnet run --project AppHost` as a user types it (in its own process group, so Ctrl+C can be sent to
/// the group the way a terminal does), timed to "ready", then Ctrl+C timed to the last child process gone.
/// </summary>
internal static class AppHostRun
{
    private static readonly string StateDirectory = Path.Combine(Path.GetTempPath(), "apphost-benchmark-state");

    public sealed record Result(TimeSpan Ready, TimeSpan EngineReady, TimeSpan Shutdown);

    public static async Task<Result> MeasureAsync(bool freshState)
    {
        if (freshState && Directory.Exists(StateDirectory))
        {
            Directory.Delete(StateDirectory, recursive: true);
        }

        var repository = RepositoryRoot();
        var info = new ProcessStartInfo("setsid", ["dotnet", "run", "--project", "AppHost"])
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["AppHost__StateDirectory"] = StateDirectory;
        info.Environment["AppHost__RandomizePorts"] = "true";
        info.Environment["NO_COLOR"] = "1";

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var ready = new TaskCompletionSource<(TimeSpan, TimeSpan)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var login = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (Environment.GetEnvironmentVariable("BENCHMARK_ECHO") == "1")
            {
                Console.Error.WriteLine(e.Data);
            }

            if (e.Data?.StartsWith("Dashboard: ", StringComparison.Ordinal) == true)
            {
                login.TrySetResult(e.Data["Dashboard: ".Length..]);
            }

            if (e.Data?.Contains("] ready in ", StringComparison.Ordinal) == true)
            {
                var engine = double.Parse(e.Data.Split("ready in ")[1].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                ready.TrySetResult((clock.Elapsed, TimeSpan.FromSeconds(engine)));
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            var (readyAt, engineReady) = await ready.Task.WaitAsync(TimeSpan.FromMinutes(3));
            var children = await ChildProcessIdsAsync(await login.Task);

            var stopping = Stopwatch.StartNew();
            Interrupt(process.Id);
            while (children.Any(IsAlive))
            {
                await Task.Delay(5);
            }

            var shutdown = stopping.Elapsed;
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            return new Result(readyAt, engineReady, shutdown);
        }
        finally
        {
            // A failed measurement must not leave an AppHost running: Ctrl+C it like a user would.
            if (!process.HasExited)
            {
                Interrupt(process.Id);
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
        }
    }

    /// <summary>What a terminal's Ctrl+C does: SIGINT to the whole foreground process group.</summary>
    private static void Interrupt(int processGroup) => Process.Start("kill", ["-s", "INT", "--", $"-{processGroup}"])!.WaitForExit();

    private static async Task<List<int>> ChildProcessIdsAsync(string loginUrl)
    {
        var login = new Uri(loginUrl);
        using var client = new HttpClient { BaseAddress = new Uri(login.GetLeftPart(UriPartial.Authority)) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.Query["?t=".Length..]);
        var resources = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/resources");
        return [.. resources!.Where(r => r.TryGetProperty("processId", out _) && r.GetProperty("state").GetString() == "Running")
            .Select(r => r.GetProperty("processId").GetInt32())];
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            // A zombie has exited; only its entry is left until its parent reaps it.
            return !File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }

    public static string RepositoryRoot()
    {
        var directory = Path.GetDirectoryName(new Projects.AppHost().ProjectPath)!;
        return Path.GetFullPath(Path.Combine(directory, ".."));
    }
}
