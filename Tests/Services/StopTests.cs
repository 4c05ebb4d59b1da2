using Tests.Infrastructure;

namespace Tests.Services;

/// <summary>
/// The services stop at once on SIGTERM (DCP kills a project 6 s after it), whatever the state of the telemetry endpoint
/// the AppHost gave them, and still hand a live endpoint their last spans and logs.
/// </summary>
public sealed class StopTests(SharedApp shared)
{
    // The goal is 200 ms; measured by hand 108 to 125 ms with the endpoint refusing or hung. The test's bound leaves room
    // for a loaded 2-core machine, and is still far below what it catches: 15 s before the change.
    private static readonly TimeSpan StopBound = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task TheApiStopsPromptlyWhenNothingListensForItsTelemetry()
    {
        using var api = await StartApiAsync(ClosedPort.Url());
        await api.GetAsync("/api/organizations/acme-demo");

        var stop = await api.Process.StopAsync();

        Assert.True(stop < StopBound, $"the API took {stop.TotalMilliseconds:F0} ms to stop");
        Assert.Equal(0, api.Process.Process.ExitCode);
    }

    [Fact]
    public async Task TheApiStopsPromptlyWhenItsTelemetryEndpointNeverAnswers()
    {
        using var endpoint = new UnresponsiveEndpoint();
        using var api = await StartApiAsync(endpoint.Endpoint);
        await api.GetAsync("/api/organizations/acme-demo");

        var stop = await api.Process.StopAsync();

        Assert.True(stop < StopBound, $"the API took {stop.TotalMilliseconds:F0} ms to stop");
        Assert.Equal(0, api.Process.Process.ExitCode);
    }

    [Fact]
    public async Task TheApisLastSpansAndLogsReachALiveEndpointWhenItStops()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        using var api = await StartApiAsync(receiver.Endpoint);
        var slug = $"last-span-{Guid.NewGuid():N}";
        await api.GetAsync($"/api/organizations/{slug}");

        var stop = await api.Process.StopAsync();

        // Batches wait a minute here (StartApiAsync), so only the flush on stop can have sent these.
        Assert.True(receiver.Received("traces", slug), $"the last request's span never arrived; received: {receiver.Summary}; stop took {stop.TotalMilliseconds:F0} ms");
        Assert.True(receiver.Received("logs", "Application is shutting down"), "the stop's own log line never arrived");
        Assert.True(stop < StopBound, $"the API took {stop.TotalMilliseconds:F0} ms to stop");
    }

    [Fact]
    public async Task TheMigrationWorkerStopsPromptlyWhenNothingListensForItsTelemetry()
    {
        using var worker = ServiceProcess.Start(new Projects.MigrationService(), new Dictionary<string, string>(TelemetryTo(ClosedPort.Url()))
        {
            ["ConnectionStrings__appdb"] = shared.DatabaseConnectionString,
            // Deployed, the worker stays up after migrating until the platform stops it: a stop like the API's.
            ["Worker__KeepAliveAfterCompletion"] = "true",
        });
        await worker.WaitForLineAsync("staying up until stopped", TimeSpan.FromMinutes(1));

        var stop = await worker.StopAsync();

        Assert.True(stop < StopBound, $"the worker took {stop.TotalMilliseconds:F0} ms to stop");
        Assert.Equal(0, worker.Process.ExitCode);
    }

    [Fact]
    public async Task TheMigrationWorkersLogsReachADashboardThatStartsListeningOnlyOnceItHasMigrated()
    {
        // As the AppHost sets it where its dashboard starts beside the services.
        var endpoint = ClosedPort.Url();
        using var worker = ServiceProcess.Start(new Projects.MigrationService(), new Dictionary<string, string>(TelemetryTo(endpoint))
        {
            ["ConnectionStrings__appdb"] = shared.DatabaseConnectionString,
            ["Telemetry__AwaitEndpoint"] = "00:00:30",
        });
        await worker.WaitForLineAsync("Database schema is up to date", TimeSpan.FromMinutes(1));

        // The dashboard listens only 3 s later, past the flush's 2 s budget in which the exporter retries a refused
        // connection: without the wait the worker gave up and exited, and its logs were lost.
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        Assert.False(worker.Process.HasExited, "the worker exited before its telemetry endpoint listened");
        await using var receiver = await OtlpReceiver.StartAsync(endpoint);
        Assert.Equal(0, await worker.WaitForExitAsync(TimeSpan.FromSeconds(30)));

        Assert.True(receiver.Received("logs", "Database schema is up to date"), $"the worker's log never arrived; received: {receiver.Summary}");
    }

    /// <summary>The telemetry settings the AppHost gives every project (Aspire's), with batches held back for a minute.</summary>
    private static Dictionary<string, string> TelemetryTo(string endpoint) => new()
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_DOTNET_EXPERIMENTAL_OTLP_RETRY"] = "in_memory",
        ["OTEL_TRACES_SAMPLER"] = "always_on",
        ["OTEL_SERVICE_NAME"] = "stop-test",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "60000",
        ["OTEL_BLRP_SCHEDULE_DELAY"] = "60000",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
    };

    private Task<ApiProcess> StartApiAsync(string telemetryEndpoint) =>
        ApiProcess.StartAsync(
            new Dictionary<string, string>(TelemetryTo(telemetryEndpoint))
            {
                ["ConnectionStrings__appdb"] = shared.DatabaseConnectionString,
                ["ConnectionStrings__cache"] = shared.App.GetConnectionString("cache")!,
            },
            readyPath: "/health");
}
