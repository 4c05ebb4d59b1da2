using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace AppHost.Orchestration;

/// <summary>
/// The running application: the engine's stages (leftover cleanup, secrets, ports, the AppHost's HTTP API,
/// the resources) started in order and stopped in reverse.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable, IDisposable
{
    private readonly DistributedApplicationBuilder builder;
    private readonly Orchestrator orchestrator;
    private readonly RunRecord runRecord;
    private readonly DashboardServer dashboard;
    private readonly EngineContext context;
    private readonly CancellationTokenSource lifetime = new();
    private readonly SemaphoreSlim stopGate = new(1, 1);
    private StateFolderLock? stateLock;
    private bool started;
    private bool stopped;

    internal DistributedApplication(DistributedApplicationBuilder builder)
    {
        this.builder = builder;
        var options = builder.Options;
        StateDirectory = options.StateDirectory ?? Path.Combine(builder.AppHostDirectory, ".state");
        ConsoleLogs = new ConsoleLogStore(options.ConsoleLinesKept);
        runRecord = new RunRecord(StateDirectory);
        var log = new EngineLog(ConsoleLogs, options.EchoResourceOutput);
        dashboard = new DashboardServer(this, RandomNumberGenerator.GetHexString(32, lowercase: true), RandomNumberGenerator.GetHexString(32, lowercase: true), log, options.TelemetryLimits);
        context = new EngineContext(
            options, ResourceNotifications, ConsoleLogs, runRecord, StateDirectory, builder.AppHostDirectory, builder.EnvironmentName,
            new TelemetryEndpoint(dashboard), log);
        orchestrator = new Orchestrator(builder.Resources, context, builder.Configuration["AppHost:CacheServer"]);
    }

    /// <summary>Create the builder of an application model, as <c>DistributedApplication.CreateBuilder(args)</c> in Aspire.</summary>
    public static DistributedApplicationBuilder CreateBuilder(string[] args)
    {
        if (TestingHook.Current is { } hook)
        {
            return hook.CreateBuilder(args);
        }

        ExitOnUserErrors();
        return new DistributedApplicationBuilder(args, new DistributedApplicationOptions());
    }

    public ResourceNotificationService ResourceNotifications { get; } = new();

    public ConsoleLogStore ConsoleLogs { get; }

    public string StateDirectory { get; }

    /// <summary>The AppHost's HTTP API and dashboard; <see cref="LoginUrl"/> carries the token that opens it.</summary>
    public string DashboardUrl => dashboard.Url;

    public string LoginUrl => dashboard.LoginUrl;

    /// <summary>The OTLP gRPC endpoint (HTTP/2 on loopback), for exporters set to <c>grpc</c>; the services get OTLP/HTTP at <see cref="DashboardUrl"/>.</summary>
    public string OtlpGrpcUrl => dashboard.OtlpGrpcUrl;

    internal string DashboardToken => dashboard.Token;

    /// <summary>Traces, structured logs and metrics the services sent to the AppHost's OTLP endpoint.</summary>
    public Telemetry.TelemetryStore Telemetry => dashboard.Telemetry;

    /// <summary>Stop, start or restart a resource or one replica, as the dashboard's buttons do.</summary>
    public Task ExecuteCommandAsync(string resourceName, ResourceCommand command) => orchestrator.ExecuteCommandAsync(resourceName, command);

    public IReadOnlyList<IResource> Resources => builder.Resources;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (started)
        {
            throw new InvalidOperationException("The application is already started.");
        }

        var clock = Stopwatch.StartNew();
        stateLock = StateFolderLock.Acquire(StateDirectory);
        started = true;
        if (runRecord.EndLeftovers() is { Count: > 0 } leftovers)
        {
            context.Log.Info($"ended processes left by an earlier run that did not stop cleanly: {string.Join(", ", leftovers)}");
        }

        new SecretStore(StateDirectory, builder.Options.SharedSecretsFile).Resolve(builder.Resources.SelectMany(SecretsOf));
        var ports = new PortAllocator(builder.Options.RandomizePorts, context.Log.Info);
        dashboard.AllocatePort(ports);
        orchestrator.AllocatePorts(ports);
        orchestrator.RegisterSnapshots();

        // The HTTP server starts alongside the resources: it is not on their critical path (exporters retry).
        var serving = dashboard.StartAsync(cancellationToken);
        orchestrator.Start(lifetime.Token);
        await serving;
        _ = ReportReadyAsync(clock);
    }

    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        await stopGate.WaitAsync(cancellationToken);
        try
        {
            if (stopped || !started)
            {
                return;
            }

            stopped = true;
            await lifetime.CancelAsync();
            await orchestrator.StopAsync();
            await dashboard.StopAsync();
            runRecord.Delete();
        }
        finally
        {
            stopGate.Release();
        }
    }

    /// <summary>Start, then run until Ctrl+C, SIGTERM or SIGHUP; then stop everything in reverse dependency order.</summary>
    public void Run() => RunAsync().GetAwaiter().GetResult();

    public async Task RunAsync(CancellationToken cancellationToken = default)
    {
        // Publish mode (azd's `--publisher manifest --output-path X`): write the files, start nothing.
        if (Publisher.TryPublish(builder.Args, builder.Resources, builder.AppHostDirectory, Console.Out, Console.Error) is { } exitCode)
        {
            Environment.ExitCode = exitCode;
            return;
        }

        var stopRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var signals = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }
            .Select(signal => PosixSignalRegistration.Create(signal, c =>
            {
                c.Cancel = true;
                if (!stopRequested.TrySetResult())
                {
                    // A second Ctrl+C: the user wants out now, but nothing may be left running.
                    context.Log.Info("stopping now: killing every process");
                    orchestrator.Kill();
                    runRecord.Delete();
                    Environment.Exit(130);
                }
            }))
            .ToList();
        try
        {
            await StartAsync(cancellationToken);
            await stopRequested.Task.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            context.Log.Info("stopping...");
            await StopAsync(CancellationToken.None);
        }
        finally
        {
            signals.ForEach(s => s.Dispose());
            await DisposeAsync();
        }
    }

    public string? GetConnectionString(string resourceName) =>
        builder.Resources.OfType<IResourceWithConnectionString>()
            .FirstOrDefault(r => string.Equals(r.Name, resourceName, StringComparison.OrdinalIgnoreCase))?.ConnectionString
        ?? throw new ArgumentException($"'{resourceName}' is not a resource with a connection string.");

    public Task<string?> GetConnectionStringAsync(string resourceName, CancellationToken cancellationToken = default) =>
        Task.FromResult(GetConnectionString(resourceName));

    /// <summary>The URL of a project's HTTP endpoint (the given replica's, or the first's).</summary>
    public Uri GetEndpoint(string resourceName, int replica = 0)
    {
        var project = builder.Resources.OfType<ProjectResource>()
            .FirstOrDefault(r => string.Equals(r.Name, resourceName, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"'{resourceName}' is not a project with an HTTP endpoint.");
        return new Uri(project.HttpEndpoints[replica].Url);
    }

    /// <summary>An HttpClient whose base address is the project's HTTP endpoint.</summary>
    public HttpClient CreateHttpClient(string resourceName, int replica = 0) => new() { BaseAddress = GetEndpoint(resourceName, replica) };

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        stateLock?.Dispose();
        builder.NotifyDisposed();
        if (builder.Options.DeleteStateOnDispose && Directory.Exists(StateDirectory))
        {
            Directory.Delete(StateDirectory, recursive: true);
        }

        lifetime.Dispose();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static IEnumerable<SecretParameter> SecretsOf(IResource resource) => resource switch
    {
        PostgresServerResource server => [server.Password],
        RedisResource cache => [cache.Password],
        ProjectResource { DataBrowser: { } browser } => [browser.Token],
        _ => [],
    };

    private async Task ReportReadyAsync(Stopwatch clock)
    {
        try
        {
            var failed = await ResourceNotifications.WaitForAllSettledAsync(lifetime.Token);
            if (failed.Count == 0)
            {
                context.Log.Info($"ready in {clock.Elapsed.TotalSeconds:0.00} s");
            }
            else
            {
                context.Log.Error($"started in {clock.Elapsed.TotalSeconds:0.0} s, but these did not: {string.Join(", ", failed.Select(s => s.Name))} (see the lines above)");
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Configuration mistakes found while the model is built are shown as one line, not a stack trace.</summary>
    private static void ExitOnUserErrors() =>
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            if (e.ExceptionObject is DistributedApplicationException error)
            {
                Console.Error.WriteLine($"apphost: {error.Message}");
                Environment.Exit(1);
            }
        };
}
