using System.Globalization;

namespace QueryCacheBenchmarks;

/// <summary>
/// The other processes of the running app whose command line holds one of some names (PostgreSQL's backends, the
/// cache server, the API replicas), and the CPU time they used: where the machine time a query costs goes besides
/// this process. The processes are found on the first reading after <see cref="FindAgain"/> (called once the loop's
/// connections are open), so that each reading only reads their stat files; one that ends keeps its last reading, one
/// that starts later is not seen.
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

    private int[] Find() =>
        Directory.EnumerateDirectories("/proc")
            .Select(folder => int.TryParse(Path.GetFileName(folder), CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && pid != Environment.ProcessId && Matches(pid))
            .ToArray();

    private bool Matches(int pid)
    {
        try
        {
            var command = File.ReadAllText($"/proc/{pid}/cmdline");
            return names.Any(name => command.Contains(name, StringComparison.Ordinal));
        }
        catch (IOException)
        {
            return false;
        }
    }
}
