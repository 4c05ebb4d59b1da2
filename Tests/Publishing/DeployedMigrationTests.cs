using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using Tests.Infrastructure;

namespace Tests.Publishing;

/// <summary>
/// Migrations when deployed, where nothing orders the worker before the API: the worker stays up after success
/// instead of being restarted in a loop, and the API serves nothing until the schema is current.
/// </summary>
public sealed class DeployedMigrationTests(SharedApp shared)
{
    [Fact]
    public async Task TheWorkerMigratesThenStaysUpUntilStoppedWhenDeployed()
    {
        var database = Infrastructure.Database.FreshDatabase(shared.DatabaseConnectionString);
        using var worker = Start(new Projects.MigrationService(), new()
        {
            ["ConnectionStrings__appdb"] = database,
            ["Worker__KeepAliveAfterCompletion"] = "true",
        });

        await worker.WaitForLineAsync("staying up until stopped", TimeSpan.FromMinutes(2));
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        Assert.False(worker.Process.HasExited, "the worker exited after success: a container platform would run it again");
        Assert.True(await Infrastructure.Database.ScalarAsync<long>(database, "SELECT count(*) FROM \"__EFMigrationsHistory\"") > 0);
        Process.Start("kill", ["-TERM", worker.Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]).WaitForExit();
        await worker.Process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(0, worker.Process.ExitCode);
    }

    [Fact]
    public async Task TheApiServesNothingUntilTheDatabaseHasItsMigrations()
    {
        var database = Infrastructure.Database.FreshDatabase(shared.DatabaseConnectionString);
        await CreateEmptyAsync(database);
        var port = FreePort();
        using var api = Start(new Projects.Api(), new()
        {
            ["ConnectionStrings__appdb"] = database,
            ["ConnectionStrings__cache"] = shared.App.GetConnectionString("cache")!,
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        });
        using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await api.WaitForLineAsync("Now listening on", TimeSpan.FromMinutes(1));

        // The first check may time out on a loaded machine (a cold data source); /health is then Unhealthy for that reason.
        var health = await WaitForHealthAsync(client, "waiting for migrations");
        var data = await client.GetAsync(new Uri("/api/organizations/acme", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, data.StatusCode);
        Assert.Equal("application/problem+json", data.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), data.Headers.RetryAfter?.Delta);

        var migrated = await MigrationServiceProcess.RunAsync(database, TestContext.Current.CancellationToken);
        Assert.Equal(0, migrated.ExitCode);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        Assert.NotEqual(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(new Uri("/api/organizations/acme", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
    }

    private static async Task<HttpResponseMessage> WaitForHealthAsync(HttpClient client, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var health = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);
            var body = await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            if (body.Contains(text, StringComparison.Ordinal))
            {
                return health;
            }

            Assert.True(DateTime.UtcNow < deadline, $"/health never said '{text}': {body}");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }
    }

    private static async Task CreateEmptyAsync(string database)
    {
        var name = new NpgsqlConnectionStringBuilder(database).Database!;
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Database = "postgres" }.ConnectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static ServiceProcess Start(IProjectMetadata project, Dictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet", [project.TargetPath])
        {
            WorkingDirectory = Path.GetDirectoryName(project.ProjectPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return new ServiceProcess(Process.Start(info)!);
    }

    /// <summary>A service's process with its output lines, ended (whole tree) when disposed.</summary>
    private sealed class ServiceProcess : IDisposable
    {
        private readonly List<string> lines = [];
        private readonly Lock gate = new();

        public ServiceProcess(Process process)
        {
            Process = process;
            process.OutputDataReceived += (_, e) => Add(e.Data);
            process.ErrorDataReceived += (_, e) => Add(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public Process Process { get; }

        public async Task WaitForLineAsync(string text, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (!HasLine(text))
            {
                if (Process.HasExited || DateTime.UtcNow > deadline)
                {
                    lock (gate)
                    {
                        Assert.Fail($"no line with '{text}' (exited: {Process.HasExited}):\n{string.Join('\n', lines)}");
                    }
                }

                await Task.Delay(50, TestContext.Current.CancellationToken);
            }
        }

        public void Dispose()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }

            Process.Dispose();
        }

        private bool HasLine(string text)
        {
            lock (gate)
            {
                return lines.Any(l => l.Contains(text, StringComparison.Ordinal));
            }
        }

        private void Add(string? line)
        {
            if (line is not null)
            {
                lock (gate)
                {
                    lines.Add(line);
                }
            }
        }
    }
}
