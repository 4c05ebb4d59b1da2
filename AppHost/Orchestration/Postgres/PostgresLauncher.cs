using System.Globalization;

namespace AppHost.Orchestration;

/// <summary>Runs a <see cref="PostgresServerResource"/> from the machine's PostgreSQL installation.</summary>
internal sealed class PostgresLauncher(PostgresServerResource server, EngineContext context) : IProcessLauncher
{
    private const string OsUser = "postgres";

    private PostgresInstallation? installation;

    private static string? RunAsUser => PosixSignals.IsRoot ? OsUser : null;

    // Persistent data lives under the state folder; without WithDataVolume each run starts from an empty server.
    private string DataPath => Path.Combine(context.StateDirectory, server.PersistData ? server.Name : $"{server.Name}-ephemeral", "data");

    public IHealthProbe HealthProbe { get; } = new PostgresHealthProbe(server, context);

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        installation = PostgresInstallation.Find();
        var data = new PostgresDataDirectory(DataPath, RunAsUser, context.Log);
        if (!server.PersistData && Directory.Exists(Path.GetDirectoryName(DataPath)))
        {
            Directory.Delete(Path.GetDirectoryName(DataPath)!, recursive: true);
        }

        if (!data.IsInitialized)
        {
            context.Log.Info($"{server.Name}: creating a new PostgreSQL data folder in {DataPath} ({installation.BinDirectory}/postgres)");
            await data.InitializeAsync(installation, server.UserName, server.Password.Value, fromTemplate: context.Options.ThrowAwayData, cancellationToken);
        }
    }

    public ProcessSpec CreateSpec(int replica)
    {
        var settings = new List<string>
        {
            "-D", DataPath,
            "-p", server.Endpoint.AllocatedPort.ToString(CultureInfo.InvariantCulture),
            "-c", "listen_addresses=localhost",
            // TCP only: no socket file in /var/run/postgresql, which a non-packaged setup may not have.
            "-c", "unix_socket_directories=",
            "-c", "max_connections=200",
        };
        if (context.Options.ThrowAwayData)
        {
            // The data is deleted after the run: durability only costs time.
            settings.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }

        return new ProcessSpec(installation!.Postgres, settings, Path.GetDirectoryName(DataPath)!)
        {
            RunAsUser = RunAsUser,
            // Fast shutdown (SIGINT) writes a checkpoint so the next start needs no recovery; throw-away data is
            // deleted right after, so an immediate shutdown (SIGQUIT) skips that write.
            StopSignal = context.Options.ThrowAwayData ? PosixSignalNumber.Quit : PosixSignalNumber.Interrupt,
        };
    }

    public IReadOnlyList<string> UrlsOf(int replica) => [$"tcp://{server.Endpoint.Host}:{server.Endpoint.AllocatedPort}"];

    IHealthProbe? IProcessLauncher.HealthProbe => HealthProbe;
}
