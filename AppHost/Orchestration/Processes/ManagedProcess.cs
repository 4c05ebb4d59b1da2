using System.Diagnostics;

namespace AppHost.Orchestration;

/// <summary>
/// A child process in its own session (started through setsid), so a terminal's Ctrl+C reaches only the
/// AppHost, which then stops children in dependency order, and so its whole tree can be ended as a group.
/// </summary>
internal sealed class ManagedProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly PosixSignalNumber stopSignal;
    private readonly TaskCompletionSource<int> exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ManagedProcess(Process process, PosixSignalNumber stopSignal)
    {
        this.process = process;
        this.stopSignal = stopSignal;
    }

    /// <summary>Kept from the start: <see cref="Process.Id"/> throws once the process object is disposed.</summary>
    public int ProcessId { get; private set; }

    /// <summary>Completes with the exit code once the process and its output streams are done.</summary>
    public Task<int> Exited => exited.Task;

    public static ManagedProcess Start(ProcessSpec spec, Action<string, bool> onLine)
    {
        var info = new ProcessStartInfo("setsid")
        {
            WorkingDirectory = spec.WorkingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (spec.RunAsUser is { } user)
        {
            foreach (var arg in new[] { "setpriv", $"--reuid={user}", $"--regid={user}", "--init-groups", "--" })
            {
                info.ArgumentList.Add(arg);
            }
        }

        info.ArgumentList.Add(spec.FileName);
        foreach (var arg in spec.Args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in spec.Environment)
        {
            info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var managed = new ManagedProcess(process, spec.StopSignal);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data, false); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) onLine(e.Data, true); };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new DistributedApplicationException($"could not start '{spec.FileName}': {e.Message}", e);
        }

        managed.ProcessId = process.Id;
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _ = managed.WatchExitAsync();
        return managed;
    }

    /// <summary>Graceful signal, then the whole process group is killed if it is still there after the grace period.</summary>
    public async Task StopAsync(TimeSpan gracePeriod)
    {
        if (exited.Task.IsCompleted)
        {
            KillGroup();
            return;
        }

        PosixSignals.Send(ProcessId, stopSignal);
        if (await Task.WhenAny(exited.Task, Task.Delay(gracePeriod)) != exited.Task)
        {
            KillGroup();
            await ((Task)exited.Task).WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        // Whatever the program spawned into its group (e.g. the server `dotnet tool run` starts) must not outlive it.
        KillGroup();
    }

    public async ValueTask DisposeAsync()
    {
        if (!exited.Task.IsCompleted)
        {
            await StopAsync(TimeSpan.Zero);
        }

        process.Dispose();
    }

    /// <summary>Kills the whole process group now.</summary>
    public void Kill() => KillGroup();

    private void KillGroup() => PosixSignals.SendToGroup(ProcessId, PosixSignalNumber.Kill);

    private async Task WatchExitAsync()
    {
        await process.WaitForExitAsync().ConfigureAwait(false);
        exited.TrySetResult(process.ExitCode);
    }
}
