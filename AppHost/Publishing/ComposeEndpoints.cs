using System.Globalization;

namespace AppHost.Publishing;

/// <summary>
/// Endpoints on the Compose network: a service is reached at its name, on the port inside its container. What the
/// host publishes is <see cref="ComposeServices"/>' business (external endpoints only).
/// </summary>
internal sealed class ComposeEndpoints(IReadOnlySet<IResource> services)
{
    /// <summary>What .NET's container images listen on (<c>HTTP_PORTS</c>) when the model gives a project no target port.</summary>
    public const int ProjectHttpPort = 8080;

    /// <summary>The port inside the container; null for a project's endpoint other than plain http (no TLS in its container).</summary>
    public static int? ContainerPort(IResource resource, EndpointAnnotation endpoint) =>
        endpoint.TargetPort ?? (resource is ProjectResource && endpoint.UriScheme == "http" ? ProjectHttpPort : null);

    public string Url(EndpointReference endpoint) => $"{endpoint.Scheme}://{HostAndPort(endpoint)}";

    public string Property(EndpointReferenceExpression expression) => expression.Property switch
    {
        EndpointProperty.Url => Url(expression.Endpoint),
        EndpointProperty.Host or EndpointProperty.IPV4Host => Host(expression.Endpoint),
        EndpointProperty.Port or EndpointProperty.TargetPort => Port(expression.Endpoint),
        EndpointProperty.HostAndPort => HostAndPort(expression.Endpoint),
        EndpointProperty.Scheme => expression.Endpoint.Scheme,
        EndpointProperty.TlsEnabled => expression.Endpoint.TlsEnabled ? bool.TrueString : bool.FalseString,
        var other => throw new PublishingException($"{expression.ValueExpression}: {other} has no Compose equivalent."),
    };

    private string HostAndPort(EndpointReference endpoint) => $"{Host(endpoint)}:{Port(endpoint)}";

    private string Host(EndpointReference endpoint) => services.Contains(endpoint.Resource)
        ? endpoint.Resource.Name
        : throw new PublishingException($"'{endpoint.Resource.Name}' is not a service of the Compose file, so its endpoint '{endpoint.EndpointName}' cannot be reached.");

    private static string Port(EndpointReference endpoint) =>
        ContainerPort(endpoint.Resource, endpoint.EndpointAnnotation)?.ToString(CultureInfo.InvariantCulture)
            ?? throw new PublishingException($"endpoint '{endpoint.EndpointName}' of '{endpoint.Resource.Name}' has no port inside its container: give it a target port.");
}
