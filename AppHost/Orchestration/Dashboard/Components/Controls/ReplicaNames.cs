namespace AppHost.Orchestration.Dashboard.Components.Controls;

/// <summary>
/// Telemetry names its sender by service (<c>api</c>) and instance id; the resources page names a replica
/// (<c>api-1</c>). This maps one to the other, so a log or span shows the replica it came from.
/// </summary>
public sealed class ReplicaNames
{
    private readonly Dictionary<(string Service, string InstanceId), string> replicas = [];

    private ReplicaNames()
    {
    }

    public static ReplicaNames Of(DistributedApplication app)
    {
        var names = new ReplicaNames();
        foreach (var snapshot in app.ResourceNotifications.Snapshots.Where(s => s.ReplicaOf is not null))
        {
            if (ServiceEnvironment.InstanceIdIn(snapshot.Environment) is { } id)
            {
                names.replicas[(snapshot.ReplicaOf!, id)] = snapshot.Name;
            }
        }

        return names;
    }

    /// <summary>The replica's name, or the service's when it has one instance (or is not the AppHost's).</summary>
    public string For(string service, string? instanceId) =>
        instanceId is not null && replicas.TryGetValue((service, instanceId), out var replica) ? replica : service;
}
