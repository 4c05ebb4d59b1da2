using System.Globalization;
using System.Runtime.InteropServices;

namespace AppHost.LocalProcesses;

/// <summary>
/// Stops a local PostgreSQL with its fast shutdown. The orchestrator stops a process with SIGTERM, which PostgreSQL
/// takes as a smart shutdown: it waits for every client to disconnect, so with the services' idle pooled connections
/// open, a Stop from the dashboard waited until the orchestrator killed it (7 s measured) and the next start had to
/// recover. SIGINT, sent here as soon as the server is stopping (from the dashboard, or because the app is), ends the
/// sessions, writes a checkpoint and exits in a fraction of a second.
/// </summary>
internal sealed partial class PostgresFastShutdown(LocalPostgresServerResource server)
{
    private const int SigInt = 2;

    private int? runningProcess;

    /// <summary>Follows the server's process while the app runs: its id when it runs, SIGINT when it is stopping.</summary>
    public async Task FollowAsync(ResourceNotificationService notifications, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in notifications.WatchAsync(cancellationToken))
            {
                if (change.Resource != server)
                {
                    continue;
                }

                var state = change.Snapshot.State?.Text;
                if (state == KnownResourceStates.Running)
                {
                    runningProcess = ProcessIdOf(change.Snapshot) ?? runningProcess;
                }
                else if (state == KnownResourceStates.Stopping)
                {
                    Stop();
                }
                else if (state is not null && KnownResourceStates.TerminalStates.Contains(state))
                {
                    runningProcess = null;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Asks the running server for its fast shutdown; nothing when it does not run.</summary>
    public void Stop()
    {
        if (runningProcess is { } pid && !OperatingSystem.IsWindows())
        {
            _ = Kill(pid, SigInt);
        }
    }

    private static int? ProcessIdOf(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } value
            ? Convert.ToInt32(value, CultureInfo.InvariantCulture)
            : null;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
