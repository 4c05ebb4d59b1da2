using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace AppHost.Orchestration;

/// <summary>Collects the resources of the application model; <see cref="Build"/> turns it into a runnable application.</summary>
public sealed partial class DistributedApplicationBuilder
{
    private readonly List<IResource> resources = [];

    internal DistributedApplicationBuilder(string[] args, DistributedApplicationOptions options)
    {
        Options = options;
        Args = args;
        AppHostDirectory = FindAppHostDirectory();
        EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? "Development";
        Configuration = new ConfigurationManager();
        Configuration.SetBasePath(AppHostDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{EnvironmentName}.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args);

        // Lets a script run the real AppHost with throw-away state and free ports (benchmarks, process-level tests).
        options.StateDirectory ??= Configuration["AppHost:StateDirectory"];
        options.RandomizePorts |= Configuration.GetValue<bool>("AppHost:RandomizePorts");
        Configuration.GetSection("AppHost:Telemetry").Bind(options.TelemetryLimits);
    }

    /// <summary>The AppHost's configuration: appsettings, environment variables, command-line arguments.</summary>
    public ConfigurationManager Configuration { get; }

    public string EnvironmentName { get; }

    /// <summary>Folder of the AppHost project; relative paths and the state folder are resolved from it.</summary>
    public string AppHostDirectory { get; }

    public DistributedApplicationOptions Options { get; }

    /// <summary>The command line, read again when the application runs: <c>--publisher</c> writes deployment files instead.</summary>
    internal IReadOnlyList<string> Args { get; }

    public IReadOnlyList<IResource> Resources => resources;

    public IResourceBuilder<T> AddResource<T>(T resource) where T : IResource
    {
        if (!ValidResourceName().IsMatch(resource.Name) || resource.Name.Contains("--", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Resource name '{resource.Name}' is invalid: use 1 to 64 ASCII letters, digits and single hyphens, starting with a letter.");
        }

        if (resources.Any(r => string.Equals(r.Name, resource.Name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ArgumentException($"A resource named '{resource.Name}' already exists; resource names must be unique.");
        }

        resources.Add(resource);
        return new ResourceBuilder<T>(this, resource);
    }

    /// <summary>A builder for a resource already in the model, e.g. to change the AppHost's model in a test.</summary>
    public IResourceBuilder<T> CreateResourceBuilder<T>(string name) where T : IResource =>
        new ResourceBuilder<T>(this, resources.OfType<T>().FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException($"There is no {typeof(T).Name} named '{name}' in the model."));

    public DistributedApplication Build() =>
        TestingHook.Current is { } hook ? hook.CaptureBuilder(this) : BuildCore();

    internal DistributedApplication BuildCore() => new(this);

    /// <summary>Called when the application built from this builder is disposed (the testing harness releases the AppHost's entry point).</summary>
    internal event Action? Disposed;

    internal void NotifyDisposed() => Disposed?.Invoke();

    /// <summary>Baked in by AppHost.csproj, so tests and benchmarks that load the engine find the same folder.</summary>
    private static string FindAppHostDirectory() =>
        typeof(DistributedApplicationBuilder).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "AppHostProjectDirectory")?.Value
        ?? Directory.GetCurrentDirectory();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9-]{0,63}$")]
    private static partial Regex ValidResourceName();
}
