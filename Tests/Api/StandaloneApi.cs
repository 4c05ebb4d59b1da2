using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Tests.Api;

/// <summary>
/// The API's build output run as a process of its own, in the environment a test chooses (the shared app's API is
/// always Development), against a database and cache server given by their connection strings only, with its console
/// captured: what an operator would see in the dashboard's console log.
/// </summary>
public sealed partial class StandaloneApi : IAsyncDisposable
{
    private readonly Process process;
    private readonly List<string> lines = [];
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private StandaloneApi(Process process)
    {
        this.process = process;
        process.OutputDataReceived += (_, e) => Receive(e.Data);
        process.ErrorDataReceived += (_, e) => Receive(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("The API exited:\n" + Console));
    }

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Everything the API printed so far.</summary>
    public string Console
    {
        get
        {
            lock (lines)
            {
                return string.Join('\n', lines);
            }
        }
    }

    public static async Task<StandaloneApi> StartAsync(string environment, string database, string cache)
    {
        var root = Repository.Root;
        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var info = new ProcessStartInfo("dotnet")
        {
            // As the AppHost and `dotnet run` start it: in the project folder, from the project's own build output.
            WorkingDirectory = Path.Combine(root, "Api"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(root, "Api", "bin", output.Parent!.Name, output.Name, "Api.dll"));
        info.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        info.Environment["DOTNET_ENVIRONMENT"] = environment;
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        info.Environment["ConnectionStrings__appdb"] = database;
        info.Environment["ConnectionStrings__cache"] = cache;
        info.Environment["RateLimiting__Auth__PermitLimit"] = "1000";
        info.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");

        var api = new StandaloneApi(new Process { StartInfo = info, EnableRaisingEvents = true });
        api.process.Start();
        api.process.BeginOutputReadLine();
        api.process.BeginErrorReadLine();
        try
        {
            api.Http = new HttpClient { BaseAddress = await api.listening.Task.WaitAsync(TimeSpan.FromMinutes(1)) };
            await api.WaitUntilHealthyAsync();
        }
        catch
        {
            await api.DisposeAsync();
            throw;
        }

        return api;
    }

    /// <summary>The log entries the API wrote while <paramref name="action"/> ran (and until its console went quiet).</summary>
    public async Task<IReadOnlyList<LogEntry>> LogsDuringAsync(Func<Task> action)
    {
        int start;
        lock (lines)
        {
            start = lines.Count;
        }

        await action();

        // The console logger writes from a queue of its own: wait until nothing has come for half a second.
        var seen = -1;
        for (var waited = 0; waited < 5000; waited += 500)
        {
            await Task.Delay(500, TestContext.Current.CancellationToken);
            lock (lines)
            {
                if (lines.Count == seen)
                {
                    break;
                }

                seen = lines.Count;
            }
        }

        lock (lines)
        {
            return LogEntry.Parse(lines.Skip(start));
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http?.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (lines)
        {
            lines.Add(line);
        }

        if (ListeningOn().Match(line) is { Success: true } match)
        {
            listening.TrySetResult(new Uri(match.Groups[1].Value));
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            try
            {
                using var health = await Http.GetAsync("/health");
                if (health.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The API did not get healthy:\n" + Console);
            }

            await Task.Delay(200);
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningOn();
}

/// <summary>One entry of the console logger's default format: "info: Category[EventId]", then its indented lines.</summary>
public sealed record LogEntry(string Level, string Header, IReadOnlyList<string> Lines)
{
    private static readonly string[] Levels = ["trce", "dbug", "info", "warn", "fail", "crit"];

    public bool HasStackTrace => Lines.Any(line => line.TrimStart().StartsWith("at ", StringComparison.Ordinal));

    public override string ToString() => string.Join('\n', [Level + ": " + Header, .. Lines]);

    public static IReadOnlyList<LogEntry> Parse(IEnumerable<string> lines)
    {
        var entries = new List<LogEntry>();
        foreach (var line in lines)
        {
            if (line.Length > 6 && line[4] == ':' && Levels.Contains(line[..4]))
            {
                entries.Add(new LogEntry(line[..4], line[6..], []));
            }
            else if (entries.Count > 0)
            {
                entries[^1] = entries[^1] with { Lines = [.. entries[^1].Lines, line] };
            }
        }

        return entries;
    }
}
