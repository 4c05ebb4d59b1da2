namespace AppHost.Orchestration.Testing;

/// <summary>
/// Throw-away state folders for test runs, under one root in the temp folder. A test process that died without
/// disposing its applications left processes and data behind: the next run ends and deletes them.
/// </summary>
internal static class TestStateDirectories
{
    private static readonly string Root = Path.Combine(Path.GetTempPath(), "apphost-tests");
    private static readonly Lazy<bool> Swept = new(SweepAbandoned);

    /// <summary>One set of generated passwords for every test run on this machine (mode 600, in the test root).</summary>
    public static string SharedSecretsFile => Path.Combine(Root, "secrets.json");

    public static string Create()
    {
        _ = Swept.Value;
        var directory = Path.Combine(Root, $"{Environment.ProcessId}-{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static bool SweepAbandoned()
    {
        if (!Directory.Exists(Root))
        {
            return true;
        }

        foreach (var directory in Directory.GetDirectories(Root))
        {
            var owner = Path.GetFileName(directory).Split('-')[0];
            if (int.TryParse(owner, out var pid) && pid != Environment.ProcessId && !PosixSignals.IsAlive(pid))
            {
                new RunRecord(directory).EndLeftovers();
                try
                {
                    Directory.Delete(directory, recursive: true);
                }
                catch (IOException)
                {
                }
            }
        }

        return true;
    }
}
