namespace AppHost.Orchestration;

/// <summary>Runs an <see cref="ExecutableResource"/> with the connection strings of its references.</summary>
internal sealed class ExecutableLauncher(ExecutableResource executable) : IProcessLauncher
{
    public IHealthProbe? HealthProbe => null;

    public Task PrepareAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ProcessSpec CreateSpec(int replica)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        ServiceEnvironment.AddReferences(executable, environment);
        return new ProcessSpec(executable.Command, executable.Args, executable.WorkingDirectory) { Environment = environment };
    }

    public IReadOnlyList<string> UrlsOf(int replica) => [];
}
