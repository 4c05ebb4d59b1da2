namespace AppHost.Orchestration;

/// <summary>Base of every resource: its name and the relations the builder methods record.</summary>
public abstract class Resource(string name) : IResource
{
    public string Name { get; } = name;

    /// <summary>Shown in the resources API and the console: Postgres, Redis, Project, Executable...</summary>
    public abstract string ResourceType { get; }

    internal List<IResource> References { get; } = [];

    internal List<ResourceWait> Waits { get; } = [];

    internal Dictionary<string, string> ExtraEnvironment { get; } = new(StringComparer.Ordinal);

    /// <summary><c>WithExplicitStart</c>: registered as NotStarted, started only by the Start command.</summary>
    internal bool ExplicitStart { get; set; }

    public override string ToString() => $"{ResourceType} '{Name}'";
}

/// <summary>How a resource waits for one of its dependencies before it starts.</summary>
internal enum WaitBehavior
{
    /// <summary><c>WaitFor</c>: the dependency is Running and, when it has health checks, Healthy.</summary>
    Healthy,

    /// <summary><c>WaitForStart</c>: the dependency is Running.</summary>
    Started,

    /// <summary><c>WaitForCompletion</c>: the dependency finished with the expected exit code.</summary>
    Completed,
}

internal sealed record ResourceWait(IResource Dependency, WaitBehavior Behavior, int ExpectedExitCode = 0);
