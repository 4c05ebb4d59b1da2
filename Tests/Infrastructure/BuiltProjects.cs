namespace Tests.Infrastructure;

/// <summary>
/// Where the services' build output is: the tests run it directly (a db command, a worker against a test database),
/// built in the same configuration as the tests themselves.
/// </summary>
internal static class BuiltProjects
{
    // Tests/bin/{Configuration}/{TargetFramework}/
    private static readonly DirectoryInfo TestOutput = new(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));

    public static string Configuration => TestOutput.Parent!.Name;

    public static string TargetFramework => TestOutput.Name;

    extension(IProjectMetadata project)
    {
        /// <summary>The project's built assembly, as <c>dotnet run --no-build</c> would start it.</summary>
        public string TargetPath =>
            Path.Combine(Path.GetDirectoryName(project.ProjectPath)!, "bin", Configuration, TargetFramework, Path.GetFileNameWithoutExtension(project.ProjectPath) + ".dll");
    }
}
