using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace QueryCacheBenchmarks;

/// <summary>
/// CPU time read from Linux's /proc: of one process (the API replica under load), and of the whole machine (wrk, the
/// API, the cache and database servers, and whatever else is running). Divided by the requests served, it says what
/// a request costs in machine time, which throughput on a shared machine only hints at.
/// </summary>
internal static partial class CpuClock
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>User and system time the process has used so far.</summary>
    public static TimeSpan OfProcess(int pid)
    {
        // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are the 12th and 13th.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return Ticks(long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture));
    }

    /// <summary>Context switches of every thread of this process so far: how often its threads slept and were woken.</summary>
    public static long ContextSwitchesOfThisProcess()
    {
        long switches = 0;
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(task, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal) || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        switches += long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim(), CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (IOException)
            {
                // The thread ended while being read.
            }
        }

        return switches;
    }

    /// <summary>Busy time (all but idle and iowait) of every core so far.</summary>
    public static TimeSpan OfMachine()
    {
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(value => long.Parse(value, CultureInfo.InvariantCulture)).ToArray();
        return Ticks(cpu.Sum() - cpu[3] - cpu[4]);
    }

    /// <summary>The process listening on the port (the API replica wrk is aimed at), from <c>ss</c>; null if unknown.</summary>
    public static int? ListeningOn(int port)
    {
        try
        {
            var start = new ProcessStartInfo("ss", ["-Hltnp", $"sport = :{port.ToString(CultureInfo.InvariantCulture)}"]) { RedirectStandardOutput = true };
            using var ss = Process.Start(start)!;
            var output = ss.StandardOutput.ReadToEnd();
            ss.WaitForExit();
            var match = Pid().Match(output);
            return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // no ss on this machine: the figures go without the API's share
        }
    }

    private static TimeSpan Ticks(long ticks) => TimeSpan.FromSeconds(ticks / TicksPerSecond);

    [GeneratedRegex(@"pid=(\d+)")]
    private static partial Regex Pid();
}
