using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Tests.Infrastructure;

/// <summary>The real AppHost as a user runs it (its own process), with a given state folder and free ports.</summary>
internal sealed class AppHostProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly TaskCompletionSource<string> dashboardLine = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private AppHostProcess(Process process) => this.process = process;

    public int ProcessId => process.Id;

    public string Output => string.Join('\n', output);

    public static AppHostProcess Start(string stateDirectory)
    {
        var info = new ProcessStartInfo("dotnet", [new Projects.AppHost().TargetPath])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["AppHost__StateDirectory"] = stateDirectory;
        info.Environment["AppHost__RandomizePorts"] = "true";
        info.Environment["NO_COLOR"] = "1";
        info.Environment.Remove("ASPNETCORE_URLS");
        var host = new AppHostProcess(new Process { StartInfo = info });
        host.process.OutputDataReceived += (_, e) => host.OnLine(e.Data);
        host.process.ErrorDataReceived += (_, e) => host.OnLine(e.Data);
        host.process.Start();
        host.process.BeginOutputReadLine();
        host.process.BeginErrorReadLine();
        return host;
    }

    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        var exited = process.WaitForExitAsync();
        var first = await Task.WhenAny(ready.Task, exited).WaitAsync(timeout);
        if (first == exited)
        {
            throw new InvalidOperationException($"The AppHost exited with {process.ExitCode} before it was ready:\n{Output}");
        }
    }

    /// <summary>PIDs of every resource process, as the AppHost's resources API reports them.</summary>
    public async Task<IReadOnlyList<int>> ResourceProcessIdsAsync()
    {
        var login = new Uri((await dashboardLine.Task)["Dashboard: ".Length..]);
        using var client = new HttpClient { BaseAddress = new Uri(login.GetLeftPart(UriPartial.Authority)) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", login.Query["?t=".Length..]);
        var resources = await client.GetFromJsonAsync<JsonElement[]>("/api/v1/resources");
        return [.. resources!
            .Where(r => r.TryGetProperty("processId", out _) && r.GetProperty("state").GetString() == "Running")
            .Select(r => r.GetProperty("processId").GetInt32())];
    }

    public void Signal(int signal) => Process.Start("kill", [$"-{signal}", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]).WaitForExit();

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await process.WaitForExitAsync().WaitAsync(timeout);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            Signal(15);
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
            }
        }

        await Task.CompletedTask;
        process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        if (line.StartsWith("Dashboard: ", StringComparison.Ordinal))
        {
            dashboardLine.TrySetResult(line);
        }

        if (line.Contains("] ready in ", StringComparison.Ordinal))
        {
            ready.TrySetResult();
        }
    }
}
