using System.Reflection;

namespace AppHost.LocalProcesses;

/// <summary>
/// A referenced project's build output: built with the AppHost, in the AppHost's configuration (the one Aspire passes
/// to <c>dotnet run --configuration</c>), for the AppHost's framework.
/// </summary>
internal static class BuildOutput
{
    private static readonly string Configuration =
        typeof(BuildOutput).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    // The AppHost's own framework folder ("net10.0"): its project references are built for the same one.
    private static readonly string TargetFramework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Name;

    public static string TargetPath(IProjectMetadata project)
    {
        var folder = Path.GetDirectoryName(project.ProjectPath)!;
        return Path.Combine(folder, "bin", Configuration, TargetFramework, Path.GetFileNameWithoutExtension(project.ProjectPath) + ".dll");
    }
}
