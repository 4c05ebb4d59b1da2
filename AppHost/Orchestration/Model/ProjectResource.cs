namespace AppHost.Orchestration;

/// <summary>A .NET project of the solution, launched from its build output with Aspire's environment.</summary>
public sealed class ProjectResource(string name, IProjectMetadata metadata) : Resource(name)
{
    public override string ResourceType => "Project";

    public IProjectMetadata Metadata { get; } = metadata;

    public int Replicas { get; internal set; } = 1;

    /// <summary>Path probed over HTTP until it answers 2xx (<c>WithHttpHealthCheck</c>); null: Running is Healthy.</summary>
    public string? HealthCheckPath { get; internal set; }

    /// <summary>One http endpoint per replica; the first takes the launch profile's port.</summary>
    internal List<Endpoint> HttpEndpoints { get; } = [];

    internal bool ExternalHttpEndpoints { get; set; }

    internal LaunchProfile? LaunchProfile { get; set; }

    /// <summary><c>WithArgs</c>: given to the process after the project's dll.</summary>
    internal List<string> Args { get; } = [];

    /// <summary><c>AsDataBrowserFor</c>: the database this project browses, and the token that logs a browser in.</summary>
    public DataBrowserLink? DataBrowser { get; internal set; }
}
