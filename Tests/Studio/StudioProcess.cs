using System.Diagnostics;

namespace Tests.Studio;

/// <summary>`MigrationService studio` as a running process; the test reads the URL it prints and ends it when done.</summary>
internal sealed class StudioProcess : IAsyncDisposable
{
    private readonly Process process;

    private StudioProcess(Process process, Uri loginUrl)
    {
        this.process = process;
        LoginUrl = loginUrl;
    }

    /// <summary>The printed URL, with its token (unless the launcher gave it one).</summary>
    public Uri LoginUrl { get; }

    public Uri BaseUrl => new(LoginUrl.GetLeftPart(UriPartial.Authority));

    public static Task<StudioProcess> StartAsync(string connectionString, params string[] args) =>
        StartAsync(connectionString, new Dictionary<string, string>(), args);

    public static async Task<StudioProcess> StartAsync(string connectionString, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetTempPath(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(new Projects.MigrationService().TargetPath);
        info.ArgumentList.Add("studio");
        args.ToList().ForEach(info.ArgumentList.Add);
        foreach (var name in new[] { "DATABASE_URL", "ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_URLS" })
        {
            info.Environment.Remove(name);
        }

        info.Environment["ConnectionStrings__appdb"] = connectionString;
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var printed = new List<string>();
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            printed.Add(line);
            if (line.StartsWith("Studio: ", StringComparison.Ordinal))
            {
                // Keep draining its output so the process never blocks on a full pipe.
                _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return new StudioProcess(process, new Uri(line["Studio: ".Length..].Split(' ')[0]));
            }
        }

        var error = await process.StandardError.ReadToEndAsync(timeout.Token);
        process.Dispose();
        throw new InvalidOperationException($"the studio did not print its URL: {string.Join('\n', printed)}\n{error}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
