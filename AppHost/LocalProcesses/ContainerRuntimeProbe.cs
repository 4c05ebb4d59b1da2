using System.ComponentModel;
using System.Diagnostics;

namespace AppHost.LocalProcesses;

/// <summary>
/// Whether the container runtime Aspire would use (docker, or podman when <c>ASPIRE_CONTAINER_RUNTIME</c> or
/// <c>DcpPublisher:ContainerRuntime</c> says so) answers: its client can reach a server. A missing daemon fails in
/// tens of milliseconds; a hung one is given two seconds.
/// </summary>
internal static class ContainerRuntimeProbe
{
    public static bool Answers(string runtime)
    {
        var info = new ProcessStartInfo(runtime)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in runtime == "podman" ? ["info", "--format", "{{.Version.Version}}"] : new[] { "version", "--format", "{{.Server.Version}}" })
        {
            info.ArgumentList.Add(arg);
        }

        try
        {
            using var process = Process.Start(info)!;
            if (!process.WaitForExit(TimeSpan.FromSeconds(2)))
            {
                process.Kill(entireProcessTree: true);
                return false;
            }

            return process.ExitCode == 0 && !string.IsNullOrWhiteSpace(process.StandardOutput.ReadToEnd());
        }
        catch (Win32Exception)
        {
            // Not installed.
            return false;
        }
    }
}
