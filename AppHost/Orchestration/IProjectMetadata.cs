namespace AppHost.Orchestration;

/// <summary>
/// What the build knows of a project the AppHost launches. The classes in the <c>Projects</c> namespace
/// (Projects.Api, Projects.MigrationService...) are generated from ProjectReferences by build/AspireProjects.targets.
/// </summary>
public interface IProjectMetadata
{
    /// <summary>Full path of the project file.</summary>
    string ProjectPath { get; }

    /// <summary>Full path of the project's built assembly, for the configuration the AppHost was built in.</summary>
    string TargetPath { get; }
}
