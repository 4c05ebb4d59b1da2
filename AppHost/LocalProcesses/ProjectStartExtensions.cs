namespace AppHost.LocalProcesses;

/// <summary>Starts the app's .NET projects from their build output instead of through <c>dotnet run</c>.</summary>
public static class ProjectStartExtensions
{
    /// <summary>
    /// Aspire starts a project with <c>dotnet run --no-build --project …</c>, which evaluates the project with MSBuild
    /// before it starts the program: 1.1 to 1.3 s of every start on these machines, twice on the way to a healthy API
    /// (the migrations, then the API), and one more process between the orchestrator and the service. With this, each
    /// project whose build output is where <c>dotnet run --no-build</c> would find it runs as <c>dotnet {Project}.dll</c>,
    /// through Aspire's own launch: the same environment, arguments, working folder, dashboard entry and commands.
    /// Under an IDE's debug session, <c>dotnet watch</c>, or when the output is not there, Aspire's launch is left alone.
    /// </summary>
    public static IDistributedApplicationBuilder StartProjectsFromBuildOutput(this IDistributedApplicationBuilder builder)
    {
        if (!builder.ExecutionContext.IsRunMode
            || !string.IsNullOrEmpty(builder.Configuration["DEBUG_SESSION_PORT"])
            || builder.Configuration.GetValue<bool>("DOTNET_WATCH"))
        {
            return builder;
        }

        builder.Eventing.Subscribe<BeforeStartEvent>((@event, _) =>
        {
            foreach (var project in @event.Model.Resources.OfType<ProjectResource>())
            {
                var metadata = project.GetProjectMetadata();
                var assembly = BuildOutput.TargetPath(metadata);
                if (project.HasAnnotationOfType<ExecutableAnnotation>() || !File.Exists(assembly))
                {
                    continue;
                }

                // Aspire runs a project with an executable annotation as that command, in that folder, followed by the
                // resource's arguments: the assembly is inserted as the first of them.
                project.Annotations.Add(new ExecutableAnnotation { Command = "dotnet", WorkingDirectory = Path.GetDirectoryName(metadata.ProjectPath)! });
                project.Annotations.Insert(0, new CommandLineArgsCallbackAnnotation(args => args.Insert(0, assembly)));
            }

            return Task.CompletedTask;
        });
        return builder;
    }
}
