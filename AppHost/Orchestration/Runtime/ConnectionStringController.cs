namespace AppHost.Orchestration;

/// <summary>An existing server: nothing to start, so it is Running at once and services get its string.</summary>
internal sealed class ConnectionStringController(ConnectionStringResource resource, EngineContext context)
    : ResourceController(resource, context)
{
    public override Task RunAsync(CancellationToken cancellationToken)
    {
        Publish(resource.Name, s => s with
        {
            State = KnownResourceStates.Running,
            Health = HealthStatus.Healthy,
            StartedAt = DateTimeOffset.UtcNow,
            ConnectionString = resource.ConnectionString,
        });
        return Task.CompletedTask;
    }

    public override Task StopAsync() => Task.CompletedTask;
}
