using System.Text.Json;

namespace AppHost.Orchestration;

/// <summary>
/// The processes of the current run, written to <c>run.json</c> in the state folder. If the AppHost is killed
/// before it can stop them, the next start ends them (matched by PID and start time, so a recycled PID is
/// never hit).
/// </summary>
internal sealed class RunRecord(string stateDirectory)
{
    private readonly Lock gate = new();
    private readonly List<RecordedProcess> processes = [];

    private string FilePath => Path.Combine(stateDirectory, "run.json");

    public void Add(string resource, int pid, PosixSignalNumber stopSignal)
    {
        lock (gate)
        {
            processes.Add(new RecordedProcess(resource, pid, ProcessStartTime(pid), stopSignal));
            Save();
        }
    }

    public void Remove(int pid)
    {
        lock (gate)
        {
            processes.RemoveAll(p => p.Pid == pid);
            Save();
        }
    }

    public void Delete()
    {
        lock (gate)
        {
            processes.Clear();
            File.Delete(FilePath);
        }
    }

    /// <summary>Ends what a previous run left behind; returns the resources it ended.</summary>
    public IReadOnlyList<string> EndLeftovers()
    {
        if (!File.Exists(FilePath))
        {
            return [];
        }

        List<RecordedProcess> leftovers;
        try
        {
            leftovers = JsonSerializer.Deserialize<List<RecordedProcess>>(File.ReadAllText(FilePath)) ?? [];
        }
        catch (JsonException)
        {
            leftovers = [];
        }

        var alive = leftovers.Where(p => p.StartTime is not null && ProcessStartTime(p.Pid) == p.StartTime).ToList();

        // Gracefully first: a PostgreSQL killed outright can leave backends holding its shared memory for a moment,
        // and the new server would refuse the data folder.
        alive.ForEach(p => PosixSignals.Send(p.Pid, p.StopSignal));
        WaitUntilGone(alive, TimeSpan.FromSeconds(3));
        foreach (var leftover in alive)
        {
            PosixSignals.SendToGroup(leftover.Pid, PosixSignalNumber.Kill);
            PosixSignals.Send(leftover.Pid, PosixSignalNumber.Kill);
        }

        WaitUntilGone(alive, TimeSpan.FromSeconds(5));
        var ended = alive.Select(p => p.Resource).ToList();

        File.Delete(FilePath);
        return ended;
    }

    private static void WaitUntilGone(List<RecordedProcess> processes, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (processes.Any(p => ProcessStartTime(p.Pid) == p.StartTime) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }
    }

    private void Save()
    {
        Directory.CreateDirectory(stateDirectory);
        File.WriteAllText(FilePath, JsonSerializer.Serialize(processes));
    }

    /// <summary>Field 22 of /proc/{pid}/stat: start time in clock ticks since boot; null when the process is gone.</summary>
    private static long? ProcessStartTime(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[19], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private sealed record RecordedProcess(string Resource, int Pid, long? StartTime, PosixSignalNumber StopSignal = PosixSignalNumber.Terminate);
}
