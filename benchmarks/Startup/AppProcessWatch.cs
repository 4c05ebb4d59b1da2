using System.Collections.Concurrent;
using System.Globalization;

namespace Startup;

/// <summary>
/// The processes of one running app: a root process's tree, and the orchestrator's, which detaches from the process it
/// monitors (Aspire's DCP: <c>--monitor PID</c> on its command line). Each new process is named
/// (<see cref="ProcessTable.Label"/>) and its start noted, exactly, from its start time in /proc.
/// </summary>
internal sealed class AppProcessWatch(int root, double zeroSecondsSinceBoot)
{
    // Launchers exec what they start: a process seen before that is named again on the next scan.
    private static readonly HashSet<string> Launchers = new(["env", "setsid", "setpriv", "sh", "?"], StringComparer.Ordinal);

    private readonly Dictionary<int, string> labels = [];

    /// <summary>The process the orchestrator monitors (the AppHost, or a test's process), once known.</summary>
    public int? Monitored { get; set; }

    /// <summary>"X process started": seconds after the measurement's start, the first process of each name.</summary>
    public ConcurrentDictionary<string, TimeSpan> Started { get; } = new(StringComparer.Ordinal);

    /// <summary>Seconds since boot now, from /proc/uptime (the clock of the processes' start times; 10 ms steps).</summary>
    public static double SecondsSinceBoot() => double.Parse(File.ReadAllText("/proc/uptime").Split(' ')[0], CultureInfo.InvariantCulture);

    public string LabelOf(int pid) => labels.GetValueOrDefault(pid) ?? ProcessTable.Label(pid);

    /// <summary>Finds the app's processes (this one left out), names the new ones and notes their start.</summary>
    public HashSet<int> Scan()
    {
        var snapshot = ProcessTable.Snapshot();
        var processes = Processes(snapshot);
        foreach (var pid in processes)
        {
            if (labels.TryGetValue(pid, out var known) && !Launchers.Contains(known))
            {
                continue;
            }

            var label = labels[pid] = ProcessTable.Label(pid);
            if (!Launchers.Contains(label))
            {
                Started.TryAdd($"{label} process started", TimeSpan.FromSeconds((snapshot[pid].StartTicks / ProcessTable.TicksPerSecond) - zeroSecondsSinceBoot));
            }
        }

        return processes;
    }

    private HashSet<int> Processes(Dictionary<int, ProcessEntry> snapshot)
    {
        var roots = new List<int> { root };
        if (Monitored is { } monitored && snapshot.TryGetValue(monitored, out var process))
        {
            // Only processes started since the monitored one can be its orchestrator: the machine's others are not read.
            var candidates = snapshot.Values.Where(p => p.StartTicks >= process.StartTicks).Select(p => p.Pid);
            roots.AddRange(ProcessTable.WithCommandLineContaining($"--monitor {monitored} ", candidates));
        }

        var tree = ProcessTable.TreesOf(roots, snapshot);
        tree.Remove(Environment.ProcessId);
        return tree;
    }
}
