namespace AppHost.Orchestration;

/// <summary>Any program started as a child process (<c>AddExecutable</c>).</summary>
public sealed class ExecutableResource(string name, string command, string workingDirectory, IReadOnlyList<string> args)
    : Resource(name)
{
    public override string ResourceType => "Executable";

    public string Command { get; } = command;

    public string WorkingDirectory { get; } = workingDirectory;

    public IReadOnlyList<string> Args { get; } = args;
}
