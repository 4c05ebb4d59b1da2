namespace MigrationService.Targets;

/// <summary>The checkout's root (the folder with <c>Aspire.sln</c>), found by walking up from the current folder.</summary>
internal static class RepositoryRoot
{
    public const string Marker = "Aspire.sln";

    public static string? Find()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, Marker)))
            {
                return directory.FullName;
            }
        }

        return null;
    }

    public static string Require(string command) =>
        Find() ?? throw new CommandFailure(
            $"{command} works on the source: run it from the repository (the folder with {Marker}) or one of its folders.", CommandFailure.Usage);
}
