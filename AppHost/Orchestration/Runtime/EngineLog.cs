namespace AppHost.Orchestration;

/// <summary>
/// The engine's own lines ("postgres: Running", "api: FailedToStart: ..."): printed to the AppHost's console
/// and kept under the name "apphost" so tests and the dashboard can read them.
/// </summary>
internal sealed class EngineLog(ConsoleLogStore store, bool echo)
{
    public const string ResourceName = "apphost";

    public void Info(string message) => Write(message, isError: false);

    public void Error(string message) => Write(message, isError: true);

    /// <summary>A line printed as it is, without prefix, for people and scripts to find (the Dashboard URL).</summary>
    public void Announce(string message)
    {
        store.Add(ResourceName, message, isError: false);
        if (echo)
        {
            Console.Out.WriteLine(message);
        }
    }

    private void Write(string message, bool isError)
    {
        store.Add(ResourceName, message, isError);
        if (echo)
        {
            (isError ? Console.Error : Console.Out).WriteLine($"{ConsoleColors.Dim}[apphost]{ConsoleColors.Reset} {message}");
        }
    }
}
