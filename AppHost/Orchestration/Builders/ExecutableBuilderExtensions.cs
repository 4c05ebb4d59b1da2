namespace AppHost.Orchestration;

public static class ExecutableBuilderExtensions
{
    /// <summary>Any program, started as a child process in <paramref name="workingDirectory"/>.</summary>
    public static IResourceBuilder<ExecutableResource> AddExecutable(
        this DistributedApplicationBuilder builder, string name, string command, string workingDirectory, params string[] args)
    {
        var directory = Path.GetFullPath(workingDirectory, builder.AppHostDirectory);
        return builder.AddResource(new ExecutableResource(name, command, directory, args));
    }
}
