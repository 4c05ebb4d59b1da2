namespace AppHost.Publishing;

/// <summary>
/// Writes a file completely or not at all: the content goes to a temporary file beside it, created with its final
/// mode (a secret is never readable by others, not even for a moment), which then replaces the target in one rename.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, string content, UnixFileMode? mode = null)
    {
        var temporary = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (mode is { } unixMode && !OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = unixMode;
            }

            using (var writer = new StreamWriter(new FileStream(temporary, options)))
            {
                writer.Write(content);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new PublishingException($"cannot write {path}: {e.Message.TrimEnd('.')}.");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }
}
