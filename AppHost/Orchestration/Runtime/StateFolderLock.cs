namespace AppHost.Orchestration;

/// <summary>
/// One AppHost per state folder: a second one would take over the first one's data folder and, believing its
/// processes were left behind, end them. The OS releases the lock when the process dies, however it dies.
/// </summary>
internal sealed class StateFolderLock : IDisposable
{
    private readonly FileStream handle;

    private StateFolderLock(FileStream handle) => this.handle = handle;

    public static StateFolderLock Acquire(string stateDirectory)
    {
        Directory.CreateDirectory(stateDirectory);
        try
        {
            return new StateFolderLock(new FileStream(Path.Combine(stateDirectory, "apphost.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException)
        {
            throw new DistributedApplicationException(
                $"another AppHost is already running with the state folder {stateDirectory}: stop it first (Ctrl+C in its terminal), "
                + "or give this one its own folder with AppHost__StateDirectory.");
        }
    }

    public void Dispose() => handle.Dispose();
}
