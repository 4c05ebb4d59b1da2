using System.Diagnostics;

namespace Startup;

/// <summary>
/// The floor under every figure: how long the API's process alone takes to listen on this machine (runtime start,
/// JIT, host build), with no AppHost, database or cache in front of it; each checkout's own Api.
/// </summary>
internal static class BareApiProbe
{
    public static async Task<TimeSpan> ListeningAsync(Checkout checkout)
    {
        var info = new ProcessStartInfo("dotnet", [checkout.ApiDll])
        {
            WorkingDirectory = Path.GetDirectoryName(checkout.ApiDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ConnectionStrings__appdb"] = "Host=localhost;Port=1;Username=x;Password=x;Database=x";
        info.Environment["ConnectionStrings__cache"] = "localhost:1,password=x";
        info.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        info.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info)!;
        var listening = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Now listening on", StringComparison.Ordinal) == true || e.Data?.Contains("Application started", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult(clock.Elapsed);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            return await listening.Task.WaitAsync(TimeSpan.FromMinutes(1));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }
}
