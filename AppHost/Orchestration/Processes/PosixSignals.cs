using System.Runtime.InteropServices;

namespace AppHost.Orchestration;

internal enum PosixSignalNumber
{
    Interrupt = 2,
    Quit = 3,
    Kill = 9,
    Terminate = 15,
}

/// <summary>Sends signals to a process or a whole process group; .NET has no API to send one.</summary>
internal static partial class PosixSignals
{
    public static bool Send(int pid, PosixSignalNumber signal) => kill(pid, (int)signal) == 0;

    /// <summary>Every process started through setsid leads its own group, so -pid reaches its whole tree.</summary>
    public static bool SendToGroup(int groupLeader, PosixSignalNumber signal) => kill(-groupLeader, (int)signal) == 0;

    public static bool IsAlive(int pid) => kill(pid, 0) == 0 || Marshal.GetLastPInvokeError() == 1 /* EPERM: alive, not ours */;

    public static bool IsRoot => geteuid() == 0;

    [LibraryImport("libc", SetLastError = true)]
    private static partial int kill(int pid, int signal);

    [LibraryImport("libc")]
    private static partial uint geteuid();
}
