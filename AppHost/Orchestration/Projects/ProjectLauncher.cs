using System.Diagnostics;

namespace AppHost.Orchestration;

/// <summary>
/// Runs a project's build output (<c>dotnet Api.dll</c> in the project folder, like <c>dotnet run --no-build</c>),
/// one process per replica. The AppHost's build has built it already; a missing output is built once.
/// </summary>
internal sealed class ProjectLauncher(ProjectResource project, EngineContext context) : IProcessLauncher
{
    private static readonly SemaphoreSlim BuildGate = new(1, 1);

    private string ProjectDirectory => Path.GetDirectoryName(project.Metadata.ProjectPath)!;

    /// <summary>Each replica's <c>service.instance.id</c>, kept across its restarts so its telemetry stays its own.</summary>
    private readonly string[] instanceIds = [.. Enumerable.Range(0, project.Replicas).Select(_ => ServiceEnvironment.NewInstanceId(project))];

    public IHealthProbe? HealthProbe { get; } = project.HealthCheckPath is null ? null : new HttpHealthProbe(project);

    public async Task PrepareAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(project.Metadata.TargetPath))
        {
            return;
        }

        // One build at a time: projects share Db and ServiceDefaults, and concurrent builds of them collide.
        await BuildGate.WaitAsync(cancellationToken);
        try
        {
            if (!File.Exists(project.Metadata.TargetPath))
            {
                context.Log.Info($"{project.Name}: building {Path.GetFileName(project.Metadata.ProjectPath)} (no build output at {project.Metadata.TargetPath})");
                await BuildAsync(cancellationToken);
            }
        }
        finally
        {
            BuildGate.Release();
        }
    }

    public ProcessSpec CreateSpec(int replica) =>
        new("dotnet", [project.Metadata.TargetPath, .. project.Args], ProjectDirectory)
        {
            Environment = ServiceEnvironment.ForProject(project, replica, context, instanceIds[replica]),
        };

    public IReadOnlyList<string> UrlsOf(int replica) => [project.HttpEndpoints[replica].Url];

    private async Task BuildAsync(CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "build", project.Metadata.ProjectPath, "--nologo", "-v", "quiet" })
        {
            info.ArgumentList.Add(arg);
        }

        using var build = Process.Start(info)!;
        var output = build.StandardOutput.ReadToEndAsync(cancellationToken);
        await build.WaitForExitAsync(cancellationToken);
        if (build.ExitCode != 0 || !File.Exists(project.Metadata.TargetPath))
        {
            var firstError = (await output).Split('\n').FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))?.Trim();
            throw new DistributedApplicationException($"build of {Path.GetFileName(project.Metadata.ProjectPath)} failed: {firstError ?? "see dotnet build output"}");
        }
    }
}
