namespace AppHost.Publishing;

/// <summary>
/// Health checks Compose runs inside a service's container, so that <c>WaitFor</c> becomes
/// <c>condition: service_healthy</c>. Aspire's own checks run in the AppHost, so each is said again here in the
/// container's terms: <c>pg_isready</c> for PostgreSQL, <c>redis-cli ping</c> for Redis, and a project's HTTP probe
/// (<c>WithHttpProbe</c>: readiness first) as a request through bash, since .NET's images have no curl.
/// </summary>
internal static class ComposeHealthChecks
{
    public static YamlMap? For(IResource resource) => resource switch
    {
        // The variables the images read (POSTGRES_USER, REDIS_PASSWORD) are in the service's environment; $$ defers them to the shell.
        PostgresServerResource server =>
            Check("CMD-SHELL", $"pg_isready -h 127.0.0.1 -p {server.PrimaryEndpoint.TargetPort} -U \"$$POSTGRES_USER\" -d postgres"),
        RedisResource cache => Check("CMD-SHELL", cache.PasswordParameter is null
            ? $"redis-cli -p {cache.PrimaryEndpoint.TargetPort} ping | grep -q PONG"
            : $"redis-cli -p {cache.PrimaryEndpoint.TargetPort} -a \"$$REDIS_PASSWORD\" --no-auth-warning ping | grep -q PONG"),
        _ when HttpProbe(resource) is { } probe && ProbedPort(resource, probe) is { } port =>
            Check("CMD", "bash", "-c", ComposeValues.Literal(
                $"exec 3<>/dev/tcp/127.0.0.1/{port} && printf 'GET {probe.Path} HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '")),
        _ => null,
    };

    private static EndpointProbeAnnotation? HttpProbe(IResource resource) =>
        resource.Annotations.OfType<EndpointProbeAnnotation>().OrderBy(p => p.Type == ProbeType.Readiness ? 0 : 1).FirstOrDefault();

    /// <summary>The probed endpoint's port; a project's container serves plain http only, so an https probe goes there.</summary>
    private static int? ProbedPort(IResource resource, EndpointProbeAnnotation probe) =>
        ComposeEndpoints.ContainerPort(resource, probe.EndpointReference.EndpointAnnotation)
            ?? (resource is ProjectResource ? ComposeEndpoints.ProjectHttpPort : null);

    private static YamlMap Check(params string[] test) => new YamlMap()
        .Add("test", test)
        .Add("interval", "5s")
        .Add("timeout", "5s")
        .Add("retries", 12);
}
