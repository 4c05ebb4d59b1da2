using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>Sends the telemetry a service still holds: its traces, metrics and logs at once, within a budget.</summary>
public static class TelemetryFlush
{
    /// <summary>
    /// For a program that ends by itself (the migration worker): its telemetry goes out before it stops, while there is
    /// time, rather than in the few milliseconds a stop allows. A run of a second or two ends before the exporters' first
    /// scheduled export, so without this its logs and spans reached the dashboard only when the last flush was quick
    /// enough. An endpoint where nothing listens refuses at once; only a hung one uses the budget.
    /// </summary>
    public static readonly TimeSpan CompletionBudget = TimeSpan.FromSeconds(2);

    /// <summary>Flushes without shutting the providers down: the program may still log after it.</summary>
    public static Task FlushTelemetryAsync(this IServiceProvider services, TimeSpan budget) =>
        Task.Run(() => Run(services, budget, shutDown: false));

    internal static void Run(IServiceProvider services, TimeSpan budget, bool shutDown)
    {
        var milliseconds = (int)budget.TotalMilliseconds;
        BaseProvider?[] providers = [services.GetService<TracerProvider>(), services.GetService<MeterProvider>(), services.GetService<LoggerProvider>()];

        // A thread each: every call blocks for up to the budget, and on two cores the thread pool would run them one
        // after another.
        Task.WaitAll([.. providers.Select(provider => Task.Factory.StartNew(
            () => Flush(provider, milliseconds, shutDown), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))]);
    }

    private static void Flush(BaseProvider? provider, int milliseconds, bool shutDown)
    {
        switch (provider)
        {
            case TracerProvider tracer when shutDown:
                tracer.Shutdown(milliseconds);
                break;
            case TracerProvider tracer:
                tracer.ForceFlush(milliseconds);
                break;
            case MeterProvider meter when shutDown:
                meter.Shutdown(milliseconds);
                break;
            case MeterProvider meter:
                meter.ForceFlush(milliseconds);
                break;
            case LoggerProvider logger when shutDown:
                logger.Shutdown(milliseconds);
                break;
            case LoggerProvider logger:
                logger.ForceFlush(milliseconds);
                break;
        }
    }
}
