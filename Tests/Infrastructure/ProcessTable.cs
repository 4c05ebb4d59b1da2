namespace Tests.Infrastructure;

/// <summary>What the OS says about processes: whether one runs, and the environment it was started with.</summary>
internal static class ProcessTable
{
    public static bool IsAlive(int pid)
    {
        try
        {
            // A zombie has exited; only its entry is left until its parent reaps it.
            return !File.ReadAllText($"/proc/{pid}/stat").Split(") ")[1].StartsWith('Z');
        }
        catch (IOException)
        {
            // Gone between listing and reading (or never there).
            return false;
        }
    }

    public static IReadOnlyDictionary<string, string> EnvironmentOf(int pid) =>
        File.ReadAllText($"/proc/{pid}/environ")
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split('=', 2))
            .GroupBy(pair => pair[0])
            .ToDictionary(g => g.Key, g => g.Last().Length > 1 ? g.Last()[1] : "");

    /// <summary>PIDs of processes whose command line mentions <paramref name="text"/>.</summary>
    public static IReadOnlyList<int> WithCommandLineContaining(string text) =>
        [.. Directory.GetDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _))
            .Select(int.Parse!)
            .Where(pid =>
            {
                try
                {
                    return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Contains(text, StringComparison.Ordinal) && IsAlive(pid);
                }
                catch (IOException)
                {
                    return false;
                }
            })];

    /// <summary>
    /// The given processes and all their descendants, found through parent ids. (PostgreSQL puts each of its
    /// backends in a session of its own, so sessions or process groups would miss them.)
    /// </summary>
    public static IReadOnlyList<int> TreesOf(IEnumerable<int> roots)
    {
        var parents = Directory.GetDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _))
            .Select(int.Parse!)
            .Select(pid => (Pid: pid, Parent: ParentOf(pid)))
            .Where(p => p.Parent is not null)
            .ToList();
        var tree = roots.ToHashSet();
        for (var grew = true; grew;)
        {
            var children = parents.Where(p => tree.Contains(p.Parent!.Value) && !tree.Contains(p.Pid)).Select(p => p.Pid).ToList();
            tree.UnionWith(children);
            grew = children.Count > 0;
        }

        return [.. tree.Where(IsAlive)];
    }

    private static int? ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            return null;
        }
    }

    public static string CommandLineOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    public static IReadOnlyList<string> CommandLinesOf(IEnumerable<int> pids) => [.. pids.Select(CommandLineOf)];

    public static async Task<bool> WaitUntilGoneAsync(IEnumerable<int> pids, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (pids.Any(IsAlive))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }

            await Task.Delay(50);
        }

        return true;
    }
}
