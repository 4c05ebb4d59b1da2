namespace AppHost.Orchestration;

/// <summary>The relations between resources: references (what a service is given) and waits (when it starts).</summary>
public static class ResourceBuilderExtensions
{
    /// <summary>Give the service <c>ConnectionStrings__{name}</c> and the <c>{NAME}_*</c> connection properties.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResourceWithConnectionString> source)
        where T : Resource
    {
        builder.Resource.References.Add(source.Resource);
        return builder;
    }

    /// <summary>Give the service the project's URLs: <c>services__{name}__http__{i}</c> and <c>{NAME}_HTTP</c>.</summary>
    public static IResourceBuilder<T> WithReference<T>(this IResourceBuilder<T> builder, IResourceBuilder<ProjectResource> source)
        where T : Resource
    {
        builder.Resource.References.Add(source.Resource);
        return builder;
    }

    /// <summary>Start only when the dependency is Running and, if it has health checks, Healthy.</summary>
    public static IResourceBuilder<T> WaitFor<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : Resource => builder.AddWait(dependency.Resource, WaitBehavior.Healthy);

    /// <summary>Start as soon as the dependency is Running.</summary>
    public static IResourceBuilder<T> WaitForStart<T>(this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency)
        where T : Resource => builder.AddWait(dependency.Resource, WaitBehavior.Started);

    /// <summary>Start only after the dependency ran to completion with <paramref name="exitCode"/>.</summary>
    public static IResourceBuilder<T> WaitForCompletion<T>(
        this IResourceBuilder<T> builder, IResourceBuilder<IResource> dependency, int exitCode = 0)
        where T : Resource => builder.AddWait(dependency.Resource, WaitBehavior.Completed, exitCode);

    /// <summary>An extra environment variable for the service.</summary>
    public static IResourceBuilder<T> WithEnvironment<T>(this IResourceBuilder<T> builder, string name, string value)
        where T : Resource
    {
        builder.Resource.ExtraEnvironment[name] = value;
        return builder;
    }

    /// <summary>
    /// Shown as NotStarted and left out of the app's start (and of "ready"); the dashboard's Start starts it,
    /// after its waits. Left out of deployment: such a resource is a local tool.
    /// </summary>
    public static IResourceBuilder<T> WithExplicitStart<T>(this IResourceBuilder<T> builder)
        where T : Resource
    {
        builder.Resource.ExplicitStart = true;
        return builder;
    }

    private static IResourceBuilder<T> AddWait<T>(this IResourceBuilder<T> builder, IResource dependency, WaitBehavior behavior, int exitCode = 0)
        where T : Resource
    {
        if (ReferenceEquals(dependency, builder.Resource))
        {
            throw new ArgumentException($"Resource '{builder.Resource.Name}' cannot wait for itself.");
        }

        builder.Resource.Waits.Add(new ResourceWait(dependency, behavior, exitCode));
        return builder;
    }
}
