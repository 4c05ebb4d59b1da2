using System.ComponentModel;
using System.Diagnostics;

namespace AppHost.LocalProcesses;

/// <summary>
/// Ready copies of a data-folder template, so that a throw-away server starts from a rename rather than a copy: copying
/// the template's thousand-odd files takes 0.2 s on an idle machine, and over a second while the rest of the app starts
/// beside it. Each start takes a copy and has another made in the background at the lowest CPU priority. A copy is made
/// under a temporary name and renamed once complete, and taking one is a rename too, so parallel test runs share the
/// pool safely.
/// </summary>
internal static class TemplateSpares
{
    private const int Kept = 2;
    private static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(10);

    /// <summary>Moves a ready copy of the template to <paramref name="destination"/>; false when there is none to take.</summary>
    public static bool TryClaim(string template, string destination)
    {
        foreach (var spare in Directory.GetDirectories(Path.GetDirectoryName(template)!, Path.GetFileName(template) + ".spare-*"))
        {
            try
            {
                Directory.Move(spare, destination);
                return true;
            }
            catch (DirectoryNotFoundException)
            {
                // Another start took this one first.
            }
            catch (IOException)
            {
                // On another file system than the state folder: a rename cannot take it, a copy will do.
                return false;
            }
        }

        return false;
    }

    /// <summary>Starts one more copy when fewer than two are ready or on their way; never waits for it.</summary>
    public static void Replenish(string template)
    {
        var folder = Path.GetDirectoryName(template)!;
        var name = Path.GetFileName(template);

        // A copy on its way is marked by a file made before its process starts, so the next call counts it.
        var marks = Directory.GetFiles(folder, name + ".copying-*.mark");
        foreach (var abandoned in marks.Where(mark => DateTime.UtcNow - File.GetLastWriteTimeUtc(mark) > AbandonedAfter))
        {
            // A copy whose process was killed midway.
            TryDelete(Path.ChangeExtension(abandoned, null));
            File.Delete(abandoned);
        }

        if (marks.Length + Directory.GetDirectories(folder, name + ".spare-*").Length >= Kept)
        {
            return;
        }

        var partial = $"{template}.copying-{Guid.NewGuid():N}";
        var mark = partial + ".mark";
        File.WriteAllBytes(mark, []);
        try
        {
            // A process of its own, so the copy completes even when this one exits first (a test run ending).
            using var process = Process.Start("nice", [
                "-n", "19", "sh", "-c", "cp -a \"$0\" \"$1\" && mv \"$1\" \"$2\" || rm -rf \"$1\"; rm -f \"$3\"",
                template, partial, partial.Replace(".copying-", ".spare-", StringComparison.Ordinal), mark]);
        }
        catch (Win32Exception)
        {
            // No nice or sh: every start copies, as it would without the pool.
            File.Delete(mark);
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
