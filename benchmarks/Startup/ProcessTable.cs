using System.Globalization;

namespace Startup;

/// <summary>One process as /proc shows it: its parent, and when it started (clock ticks since boot).</summary>
internal readonly record struct ProcessEntry(int Pid, int Parent, long StartTicks);

/// <summary>
/// What Linux's /proc says about processes: which run, their parents, start times, command lines and environments.
/// A process tree is followed through parent ids, as Tests/Infrastructure/ProcessTable.cs does (PostgreSQL puts its
/// backends in sessions of their own, so sessions or process groups would miss them).
/// </summary>
internal static class ProcessTable
{
    /// <summary>USER_HZ: the unit of the start times in /proc/PID/stat.</summary>
    public const double TicksPerSecond = 100;

    /// <summary>Every live process (zombies left out: they have exited).</summary>
    public static Dictionary<int, ProcessEntry> Snapshot()
    {
        var processes = new Dictionary<int, ProcessEntry>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), CultureInfo.InvariantCulture, out var pid) && Read(pid) is { } entry)
            {
                processes[pid] = entry;
            }
        }

        return processes;
    }

    /// <summary>The process, or null once it has exited (a zombie counts as exited).</summary>
    public static ProcessEntry? Read(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // Fields after the command name, which is in parentheses and may hold spaces: state, ppid, ... starttime (the 20th).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields[0] == "Z"
                ? null
                : new ProcessEntry(pid, int.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[19], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static bool IsAlive(int pid) => Read(pid) is not null;

    /// <summary>The given processes and all their descendants in a snapshot.</summary>
    public static HashSet<int> TreesOf(IEnumerable<int> roots, IReadOnlyDictionary<int, ProcessEntry> snapshot)
    {
        var tree = roots.Where(snapshot.ContainsKey).ToHashSet();
        for (var grew = tree.Count > 0; grew;)
        {
            var children = snapshot.Values.Where(p => tree.Contains(p.Parent) && !tree.Contains(p.Pid)).Select(p => p.Pid).ToList();
            tree.UnionWith(children);
            grew = children.Count > 0;
        }

        return tree;
    }

    public static string CommandLineOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>Processes whose command line holds the text (the orchestrator, found by <c>--monitor PID </c>).</summary>
    public static IEnumerable<int> WithCommandLineContaining(string text, IEnumerable<int> among) =>
        among.Where(pid => CommandLineOf(pid).Contains(text, StringComparison.Ordinal));

    public static IReadOnlyDictionary<string, string> EnvironmentOf(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ")
                .Split('\0', StringSplitOptions.RemoveEmptyEntries)
                .Select(entry => entry.Split('=', 2))
                .GroupBy(pair => pair[0], StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Last().Length > 1 ? g.Last()[1] : "", StringComparer.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new Dictionary<string, string>();
        }
    }

    /// <summary>
    /// A short name for what a process is, the same for both engines: a project by the service name it was given
    /// (its <c>dotnet run</c> wrapper apart), otherwise its program (PostgreSQL's backends under <c>postgres</c>).
    /// </summary>
    public static string Label(int pid)
    {
        var command = CommandLineOf(pid).Trim();
        var arguments = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (arguments.Length == 0)
        {
            return "?";
        }

        var isDotnetRun = arguments.Length > 1 && Path.GetFileName(arguments[0]) == "dotnet" && arguments[1] == "run";
        if (EnvironmentOf(pid).TryGetValue("OTEL_SERVICE_NAME", out var service) && service.Length > 0)
        {
            return isDotnetRun ? $"{service} (its dotnet run)" : service;
        }

        var program = Path.GetFileName(arguments[0]).TrimEnd(':');
        return program switch
        {
            "dotnet" when isDotnetRun => "dotnet run (the CLI)",
            "dotnet" when arguments.Length > 1 => Path.GetFileNameWithoutExtension(arguments[1]),
            "dcp" when arguments.Length > 1 => $"dcp {arguments[1]}",
            "Aspire.Dashboard" => "dashboard",
            "redis-server" or "garnet-server" or "GarnetServer" => "cache",
            _ => program,
        };
    }
}
