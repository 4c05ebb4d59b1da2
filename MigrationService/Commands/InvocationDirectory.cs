namespace MigrationService.Commands;

/// <summary>
/// The folder the user ran the command from, for printing paths they can paste. Not always the current directory:
/// <c>dotnet run --project MigrationService</c> starts a Worker project in its own folder (the Worker SDK sets
/// <c>RunWorkingDirectory</c>), while the shell's <c>PWD</c>, which the process inherits, still names the user's folder.
/// </summary>
internal static class InvocationDirectory
{
    public static string Get() =>
        Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } pwd && Path.IsPathFullyQualified(pwd) && Directory.Exists(pwd)
            ? pwd
            : Directory.GetCurrentDirectory();

    /// <summary>The path relative to <see cref="Get"/>, as the user would type it.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Get(), path);
}
