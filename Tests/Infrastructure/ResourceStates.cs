using System.Globalization;
using Microsoft.Extensions.DependencyInjection;

namespace Tests.Infrastructure;

/// <summary>What Aspire's resource notifications say about a running app's resources and their replicas.</summary>
internal static class ResourceStates
{
    /// <summary>The current snapshot of a resource, by name (when it has one instance) or by instance id.</summary>
    public static CustomResourceSnapshot Snapshot(this DistributedApplication app, string resourceId) =>
        app.ResourceNotifications.TryGetCurrentState(resourceId, out var state)
            ? state.Snapshot
            : throw new InvalidOperationException($"No resource '{resourceId}' has a state.");

    /// <summary>The instance ids of a resource (its replicas: <c>api-abcdwxyz</c>...), in a stable order.</summary>
    public static IReadOnlyList<string> InstanceIds(this DistributedApplication app, string resourceName) =>
        [.. app.AllStates().Values.Where(e => e.Resource.Name == resourceName).Select(e => e.ResourceId).Order(StringComparer.Ordinal)];

    /// <summary>The latest state of every resource instance, by instance id.</summary>
    public static IReadOnlyDictionary<string, ResourceEvent> AllStates(this DistributedApplication app)
    {
        var states = new Dictionary<string, ResourceEvent>();
        using var quiet = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        try
        {
            // The watch replays the current state of every instance at once, then waits for changes.
            var enumerator = app.ResourceNotifications.WatchAsync(quiet.Token).GetAsyncEnumerator(quiet.Token);
            while (enumerator.MoveNextAsync().AsTask().GetAwaiter().GetResult())
            {
                states[enumerator.Current.ResourceId] = enumerator.Current;
                quiet.CancelAfter(TimeSpan.FromMilliseconds(100));
            }
        }
        catch (OperationCanceledException)
        {
        }

        return states;
    }

    /// <summary>The environment the orchestrator started an instance with.</summary>
    public static IReadOnlyDictionary<string, string?> EnvironmentOf(this DistributedApplication app, string resourceId) =>
        app.Snapshot(resourceId).EnvironmentVariables.GroupBy(v => v.Name).ToDictionary(g => g.Key, g => g.Last().Value);

    /// <summary>The OS process of an executable or project instance.</summary>
    public static int? ProcessIdOf(this DistributedApplication app, string resourceId) =>
        app.Snapshot(resourceId).Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } pid
            ? Convert.ToInt32(pid, CultureInfo.InvariantCulture)
            : null;

    /// <summary>The address one replica listens on itself (not the orchestrator's proxy in front of all of them).</summary>
    public static Uri ReplicaAddress(this DistributedApplication app, string resourceName, int replica) =>
        new(app.EnvironmentOf(app.InstanceIds(resourceName)[replica])["ASPNETCORE_URLS"]!.Split(';')[0]);

    /// <summary>An HTTP client for one replica, reached directly.</summary>
    public static HttpClient CreateReplicaHttpClient(this DistributedApplication app, string resourceName, int replica) =>
        new() { BaseAddress = app.ReplicaAddress(resourceName, replica) };

    /// <summary>A resource's connection string; resolved at once, since the app has started and its endpoints are allocated.</summary>
    public static string GetConnectionString(this DistributedApplication app, string resourceName) =>
        app.GetConnectionStringAsync(resourceName).AsTask().GetAwaiter().GetResult()
            ?? throw new InvalidOperationException($"'{resourceName}' has no connection string.");

    /// <summary>The console lines a resource (all its replicas) has written so far: Aspire's resource logs.</summary>
    public static async Task<IReadOnlyList<string>> ConsoleLinesAsync(this DistributedApplication app, string resourceName, CancellationToken cancellationToken)
    {
        var resource = app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resourceName);
        var lines = new List<string>();
        await foreach (var batch in app.Services.GetRequiredService<ResourceLoggerService>().GetAllAsync(resource).WithCancellation(cancellationToken))
        {
            // Each line as the dashboard shows it: Aspire keeps the time it was written in front.
            lines.AddRange(batch.Select(line => line.Content.Split(' ', 2) is [var time, var text] && DateTime.TryParse(time, CultureInfo.InvariantCulture, out _) ? text : line.Content));
        }

        return lines;
    }
}
