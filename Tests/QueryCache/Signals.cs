using System.Diagnostics;
using Tests.Infrastructure;

namespace Tests.QueryCache;

/// <summary>Freezes, resumes or kills a resource's processes, the way an outage would.</summary>
internal static class Signals
{
    public static void Send(string signal, IEnumerable<int> pids)
    {
        foreach (var pid in pids)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))!;
            kill.WaitForExit();
        }
    }

    public static int ProcessOf(DistributedApplication app, string resource) =>
        app.ProcessIdOf(resource) ?? throw new InvalidOperationException($"{resource} has no process.");
}
