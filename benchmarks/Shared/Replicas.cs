using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Benchmarks;

/// <summary>
/// The instances of a replicated resource as Aspire's notifications describe them (as Tests/Infrastructure/ResourceStates.cs
/// reads them): each one's health, and the address it listens on itself rather than the orchestrator's proxy in front.
/// </summary>
internal static class Replicas
{
    /// <summary>
    /// Waits until as many instances of the resource as it has replicas are healthy. (Aspire's
    /// <c>WaitForResourceHealthyAsync</c> returns at the first healthy instance; a benchmark aims at one in particular.)
    /// </summary>
    public static async Task WaitForEveryReplicaHealthyAsync(this DistributedApplication app, string resourceName, CancellationToken cancellationToken)
    {
        var resource = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resourceName);
        var replicas = resource.TryGetLastAnnotation<ReplicaAnnotation>(out var annotation) ? annotation.Replicas : 1;
        var healthy = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var update in app.ResourceNotifications.WatchAsync(cancellationToken))
        {
            if (update.Resource.Name != resourceName)
            {
                continue;
            }

            if (update.Snapshot.HealthStatus == HealthStatus.Healthy)
            {
                healthy.Add(update.ResourceId);
            }
            else
            {
                healthy.Remove(update.ResourceId);
            }

            if (healthy.Count == replicas)
            {
                return;
            }
        }
    }

    /// <summary>The address one replica listens on itself, from the <c>ASPNETCORE_URLS</c> it was started with.</summary>
    public static async Task<Uri> ReplicaAddressAsync(this DistributedApplication app, string resourceName, int replica)
    {
        var instance = (await app.InstanceIdsAsync(resourceName))[replica];
        var urls = app.ResourceNotifications.TryGetCurrentState(instance, out var state)
            ? state.Snapshot.EnvironmentVariables.LastOrDefault(v => v.Name == "ASPNETCORE_URLS")?.Value
            : null;
        return new Uri(urls?.Split(';')[0] ?? throw new InvalidOperationException($"{instance} has no ASPNETCORE_URLS."));
    }

    /// <summary>The instance ids of a resource (<c>api-abcdwxyz</c>...), in a stable order.</summary>
    public static async Task<IReadOnlyList<string>> InstanceIdsAsync(this DistributedApplication app, string resourceName)
    {
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        try
        {
            // The watch replays the current state of every instance at once, then waits for changes.
            await foreach (var update in app.ResourceNotifications.WatchAsync(quiet.Token))
            {
                if (update.Resource.Name == resourceName)
                {
                    ids.Add(update.ResourceId);
                }

                quiet.CancelAfter(TimeSpan.FromMilliseconds(100));
            }
        }
        catch (OperationCanceledException)
        {
        }

        return [.. ids];
    }
}
