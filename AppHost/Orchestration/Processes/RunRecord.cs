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

    public void Add(string resource, int pid)
    {
        lock (gate)
        {
            processes.Add(new RecordedProcess(resource, pid, ProcessStartTime(pid)));
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

        var ended = new List<string>();
        foreach (var leftover in leftovers.Where(p => p.StartTime is not null && ProcessStartTime(p.Pid) == p.StartTime))
        {
            PosixSignals.SendToGroup(leftover.Pid, PosixSignalNumber.Kill);
            PosixSignals.Send(leftover.Pid, PosixSignalNumber.Kill);
            ended.Add(leftover.Resource);
        }

        // The killed processes are gone once kill(pid, 0) fails; PostgreSQL must release its data folder first.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (leftovers.Any(p => PosixSignals.IsAlive(p.Pid) && ProcessStartTime(p.Pid) == p.StartTime) && DateTime.UtcNow < deadline)
        {
            Thread.Sleep(20);
        }

        File.Delete(FilePath);
        return ended;
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

    private sealed record RecordedProcess(string Resource, int Pid, long? StartTime);
}
