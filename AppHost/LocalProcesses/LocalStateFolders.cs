using System.Globalization;
using System.Runtime.CompilerServices;

namespace AppHost.LocalProcesses;

/// <summary>
/// Where the local servers keep their files. Data that must survive restarts (<c>WithDataVolume()</c>) lives in the
/// AppHost's <c>.state/</c> folder, ignored by git (<c>AppHost:StateFolder</c> moves it). Everything else, and
/// everything of an isolated run (random ports, as Aspire.Hosting.Testing asks for, so that a test app never touches
/// the developer's data, unless it names a state folder of its own), lives in a folder of this run in the temp
/// folder, deleted when the app stops; a run killed before it could clean up is swept by the next.
/// </summary>
internal sealed class LocalStateFolders
{
    /// <summary>Configuration key: the folder for data kept across runs (default <c>.state</c> beside the AppHost project).</summary>
    public const string StateFolderKey = "AppHost:StateFolder";

    private static readonly string RunsRoot = Path.Combine(Path.GetTempPath(), "aspire-local-runs");

    private readonly Lazy<string> runFolder;

    private LocalStateFolders(string persistentRoot, bool isolated)
    {
        PersistentRoot = persistentRoot;
        IsIsolated = isolated;
        runFolder = new Lazy<string>(CreateRunFolder);
    }

    /// <summary>True when data must not outlive the run even if a resource asks to keep it.</summary>
    public bool IsIsolated { get; }

    public string PersistentRoot { get; }

    /// <summary>The folders of one application: created with its first local resource, shared by the others.</summary>
    public static LocalStateFolders For(IDistributedApplicationBuilder builder) =>
        FoldersByBuilder.GetValue(builder, static builder =>
        {
            var configured = builder.Configuration[StateFolderKey];
            var folders = new LocalStateFolders(
                configured is { Length: > 0 } ? Path.GetFullPath(configured, builder.AppHostDirectory) : Path.Combine(builder.AppHostDirectory, ".state"),
                isolated: configured is not { Length: > 0 } && builder.Configuration.GetValue<bool>("DcpPublisher:RandomizePorts"));
            // Deleted when the app's services are disposed: resolved before the app starts, the cleanup is created
            // before the orchestrator and so disposed after it, once the servers' processes are gone (Aspire.Hosting.Testing
            // waits for them). A dev run's Ctrl+C does not wait: what is still open there is swept by the next run.
            builder.Services.AddSingleton(_ => new RunFolderCleanup(folders));
            builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
            {
                @event.Services.GetRequiredService<RunFolderCleanup>();
                return Task.CompletedTask;
            });
            return folders;
        });

    private static readonly ConditionalWeakTable<IDistributedApplicationBuilder, LocalStateFolders> FoldersByBuilder = [];

    /// <summary>The folder of one resource: persistent when asked for and allowed, else this run's.</summary>
    public string For(string resourceName, bool persistent) =>
        persistent && !IsIsolated ? Path.Combine(PersistentRoot, resourceName) : Path.Combine(runFolder.Value, resourceName);

    private string CreateRunFolder()
    {
        SweepAbandoned();
        var folder = Path.Combine(RunsRoot, string.Create(CultureInfo.InvariantCulture, $"{Environment.ProcessId}-{Guid.NewGuid():N}")[..24]);
        Directory.CreateDirectory(folder);
        return folder;
    }

    private async Task DeleteRunFolderAsync()
    {
        if (!runFolder.IsValueCreated)
        {
            return;
        }

        // A server still shutting down may write a last file (PostgreSQL's statistics) just after a first delete.
        for (var attempt = 0; attempt < 20 && Directory.Exists(runFolder.Value); attempt++)
        {
            TryDelete(runFolder.Value);
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    /// <summary>Deletes the run's folder when the app's services are disposed.</summary>
    internal sealed class RunFolderCleanup(LocalStateFolders folders) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await folders.DeleteRunFolderAsync();
    }

    /// <summary>Folders of runs whose AppHost is gone (killed before it could delete them).</summary>
    private static void SweepAbandoned()
    {
        if (!Directory.Exists(RunsRoot))
        {
            return;
        }

        foreach (var folder in Directory.GetDirectories(RunsRoot))
        {
            var owner = Path.GetFileName(folder).Split('-')[0];
            if (int.TryParse(owner, CultureInfo.InvariantCulture, out var pid) && pid != Environment.ProcessId && !IsAlive(pid))
            {
                TryDelete(folder);
            }
        }
    }

    private static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}");

    private static void TryDelete(string folder)
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Still in use or already gone: the next run's sweep takes it.
        }
    }
}
