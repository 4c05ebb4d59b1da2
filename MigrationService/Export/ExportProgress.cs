namespace MigrationService.Export;

/// <summary>
/// Shows a dump's progress: on a terminal one line rewritten twice a second (bytes written, current step);
/// otherwise one line per table as pg_dump reaches it.
/// </summary>
internal sealed class ExportProgress(FileStream file) : IDisposable
{
    private readonly bool interactive = !Console.IsOutputRedirected;
    private volatile string phase = "connecting";
    private Timer? timer;

    public void Phase(string pgDumpLine)
    {
        var step = pgDumpLine.Replace("pg_dump: ", "", StringComparison.Ordinal).Trim();
        phase = step;
        if (!interactive && step.StartsWith("dumping contents of table", StringComparison.Ordinal))
        {
            Console.WriteLine($"  {step}");
        }
    }

    public ExportProgress Start()
    {
        if (interactive)
        {
            timer = new Timer(_ => Console.Write($"\r  {DumpFile.Size(file.Length),10} written · {Truncate(phase, 60),-60}"), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(500));
        }

        return this;
    }

    public void Dispose()
    {
        if (timer is not null)
        {
            timer.Dispose();
            Console.Write($"\r{new string(' ', 80)}\r");
        }
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
