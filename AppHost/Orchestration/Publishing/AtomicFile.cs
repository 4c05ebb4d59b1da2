namespace AppHost.Orchestration;

/// <summary>
/// Writes a file completely or not at all: the content goes to a temporary file beside it, which then replaces
/// the target in one rename. A failed publish never leaves a half-written manifest for azd to read.
/// </summary>
internal static class AtomicFile
{
    public static void Write(string path, string content, UnixFileMode? mode = null)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (Directory.Exists(path))
        {
            throw new PublishingException($"{path} is a folder: give a file path.");
        }

        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        try
        {
            // Created with its final mode, so a secret is never readable by others, not even for a moment.
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (mode is { } unixMode && !OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = unixMode;
            }

            using (var stream = new FileStream(temporary, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(content);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new PublishingException($"cannot write {path}: {e.Message.TrimEnd('.')}. Choose a writable --output-path.");
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
