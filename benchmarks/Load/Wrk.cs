using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Load;

internal sealed record WrkRequest(string Name, string Method, string Path, string? Token = null, string? Body = null);

// Runs wrk (Debian's package) with a Lua script for the method, headers and body, and reads its summary.
internal static partial class Wrk
{
    public static async Task<WrkResult> RunAsync(Uri api, WrkRequest request, LoadOptions options)
    {
        var script = Path.Combine(Path.GetTempPath(), $"wrk-{Guid.NewGuid():N}.lua");
        await File.WriteAllTextAsync(script, LuaFor(request));
        try
        {
            var start = new ProcessStartInfo("wrk")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                ArgumentList =
                {
                    $"-t{options.Threads}", $"-c{options.Connections}", $"-d{options.Seconds}s", "--latency", "--timeout", "30s", "-s", script,
                    new Uri(api, request.Path).ToString(),
                },
            };
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                throw new InvalidOperationException("wrk is not installed: apt-get install wrk");
            }

            using (process)
            {
                var output = await process.StandardOutput.ReadToEndAsync();
                await process.WaitForExitAsync();
                return Parse(request.Name, output);
            }
        }
        finally
        {
            File.Delete(script);
        }
    }

    private static string LuaFor(WrkRequest request)
    {
        var lines = new List<string> { $"wrk.method = \"{request.Method}\"" };
        if (request.Token is not null)
        {
            lines.Add($"wrk.headers[\"Authorization\"] = \"Bearer {request.Token}\"");
        }

        if (request.Body is not null)
        {
            lines.Add("wrk.headers[\"Content-Type\"] = \"application/json\"");
            lines.Add($"wrk.body = [[{request.Body}]]");
        }

        return string.Join('\n', lines) + "\n";
    }

    private static WrkResult Parse(string name, string output)
    {
        double Latency(string percentile)
        {
            var match = Regex.Match(output, $@"^\s+{percentile}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
            if (!match.Success)
            {
                throw new InvalidOperationException($"wrk printed no {percentile}% latency:\n{output}");
            }

            var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
        }

        var rate = double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var non2xx = NonSuccess().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var socketErrors = SocketErrors().Match(output) is { Success: true } s
            ? s.Groups.Values.Skip(1).Sum(g => long.Parse(g.Value, CultureInfo.InvariantCulture))
            : 0;
        return new WrkResult(name, rate, Latency("50"), Latency("99"), non2xx + socketErrors);
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrors();
}

internal sealed record WrkResult(string Name, double RequestsPerSecond, double P50Ms, double P99Ms, long Errors)
{
    public static void PrintTable(IReadOnlyList<WrkResult> results)
    {
        Console.WriteLine();
        Console.WriteLine("| endpoint | requests/s | p50 | p99 | errors |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Name} | {r.RequestsPerSecond:F0} | {r.P50Ms:F2} ms | {r.P99Ms:F2} ms | {r.Errors} |"));
        }
    }
}
