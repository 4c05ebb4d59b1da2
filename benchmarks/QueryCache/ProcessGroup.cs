using System.Globalization;

namespace QueryCacheBenchmarks;

/// <summary>
/// The processes of this benchmark's app whose command line holds one of some names (PostgreSQL's backends, the cache
/// server, the API replicas), and the CPU time they used: where the machine time a query costs goes besides this
/// process. Only this app's: the descendants of Aspire's orchestrator, which monitors this process (<c>--monitor PID</c>
/// on its command line), so that other PostgreSQL servers or APIs on a shared machine do not count. The processes are
/// found on the first reading after <see cref="FindAgain"/> (called once the loop's connections are open), so that each
/// reading only reads their stat files; one that ends keeps its last reading, one that starts later is not seen.
/// </summary>
internal sealed class ProcessGroup(params string[] names)
{
    private readonly Dictionary<int, TimeSpan> cpuByProcess = [];
    private int[]? pids;

    public void FindAgain() => pids = null;

    public TimeSpan CpuSoFar()
    {
        pids ??= Find();
        foreach (var pid in pids)
        {
            try
            {
                cpuByProcess[pid] = CpuClock.OfProcess(pid);
            }
            catch (IOException)
            {
                // Ended: its last reading stands.
            }
        }

        return cpuByProcess.Values.Aggregate(TimeSpan.Zero, (total, cpu) => total + cpu);
    }

    private int[] Find()
    {
        var parents = Directory.EnumerateDirectories("/proc")
            .Select(folder => int.TryParse(Path.GetFileName(folder), CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0)
            .Select(pid => (Pid: pid, Parent: ParentOf(pid)))
            .ToList();
        var monitor = $"--monitor {Environment.ProcessId} ";
        var app = parents.Where(p => CommandLineOf(p.Pid).Contains(monitor, StringComparison.Ordinal)).Select(p => p.Pid).ToHashSet();
        for (var grew = app.Count > 0; grew;)
        {
            var children = parents.Where(p => app.Contains(p.Parent) && !app.Contains(p.Pid)).Select(p => p.Pid).ToList();
            app.UnionWith(children);
            grew = children.Count > 0;
        }

        return [.. app.Where(pid => names.Any(name => CommandLineOf(pid).Contains(name, StringComparison.Ordinal)))];
    }

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string CommandLineOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
    }
}
