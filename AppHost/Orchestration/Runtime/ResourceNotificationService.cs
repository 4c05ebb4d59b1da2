using System.Threading.Channels;

namespace AppHost.Orchestration;

/// <summary>
/// The one place resource state lives: the engine publishes changes, waiters (dependents, tests) and
/// watchers (console, dashboard) observe them.
/// </summary>
public sealed class ResourceNotificationService
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, ResourceSnapshot> snapshots = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<(string Name, Func<ResourceSnapshot, bool> Predicate, TaskCompletionSource<ResourceSnapshot> Done)> waiters = [];
    private readonly List<Channel<ResourceSnapshot>> watchers = [];

    public IReadOnlyList<ResourceSnapshot> Snapshots
    {
        get
        {
            lock (gate)
            {
                return [.. snapshots.Values];
            }
        }
    }

    public ResourceSnapshot? TryGet(string name)
    {
        lock (gate)
        {
            return snapshots.GetValueOrDefault(name);
        }
    }

    /// <summary>Completes when the resource satisfies <paramref name="predicate"/>.</summary>
    public Task<ResourceSnapshot> WaitForResourceAsync(string name, Func<ResourceSnapshot, bool> predicate, CancellationToken cancellationToken = default)
    {
        TaskCompletionSource<ResourceSnapshot> done = new(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (snapshots.TryGetValue(name, out var current) && predicate(current))
            {
                return Task.FromResult(current);
            }

            if (!snapshots.ContainsKey(name))
            {
                throw new ArgumentException($"There is no resource named '{name}'. Known: {string.Join(", ", snapshots.Keys)}.");
            }

            waiters.Add((name, predicate, done));
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Completes when the resource reaches <paramref name="state"/>.</summary>
    public Task<ResourceSnapshot> WaitForResourceAsync(string name, string state, CancellationToken cancellationToken = default) =>
        WaitForResourceAsync(name, s => s.State == state, cancellationToken);

    /// <summary>Completes when the resource is Healthy; fails at once if it ends or fails to start instead.</summary>
    public async Task<ResourceSnapshot> WaitForResourceHealthyAsync(string name, CancellationToken cancellationToken = default)
    {
        var snapshot = await WaitForResourceAsync(
            name, s => s.Health == HealthStatus.Healthy && s.State == KnownResourceStates.Running || s.IsTerminal, cancellationToken);
        return snapshot.IsTerminal
            ? throw new DistributedApplicationException($"Resource '{name}' is {snapshot.State}{Describe(snapshot)} and will not become healthy.")
            : snapshot;
    }

    /// <summary>
    /// Waits until every resource (replicas counted through their resource) is Running and Healthy or has ended,
    /// an explicit-start one not yet started counting as settled; returns those that failed to start or exited
    /// with a non-zero code.
    /// </summary>
    public async Task<IReadOnlyList<ResourceSnapshot>> WaitForAllSettledAsync(CancellationToken cancellationToken = default)
    {
        var waits = Snapshots.Where(s => s.ReplicaOf is null).Select(s => WaitForResourceAsync(
            s.Name, r => r.State == KnownResourceStates.Running && r.Health == HealthStatus.Healthy || r.IsTerminal || r.AwaitsExplicitStart,
            cancellationToken));
        var settled = await Task.WhenAll(waits);
        return [.. settled.Where(s => s.State == KnownResourceStates.FailedToStart || s.ExitCode is not (null or 0))];
    }

    /// <summary>Every change from now on, for as long as the caller reads.</summary>
    public async IAsyncEnumerable<ResourceSnapshot> WatchAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateUnbounded<ResourceSnapshot>();
        lock (gate)
        {
            watchers.Add(channel);
            foreach (var snapshot in snapshots.Values)
            {
                channel.Writer.TryWrite(snapshot);
            }
        }

        try
        {
            await foreach (var snapshot in channel.Reader.ReadAllAsync(cancellationToken))
            {
                yield return snapshot;
            }
        }
        finally
        {
            lock (gate)
            {
                watchers.Remove(channel);
            }
        }
    }

    internal ResourceSnapshot Publish(string name, Func<ResourceSnapshot, ResourceSnapshot> update)
    {
        List<(TaskCompletionSource<ResourceSnapshot>, ResourceSnapshot)> completed = [];
        ResourceSnapshot next;
        lock (gate)
        {
            next = update(snapshots[name]);
            snapshots[name] = next;
            for (var i = waiters.Count - 1; i >= 0; i--)
            {
                var waiter = waiters[i];
                if (string.Equals(waiter.Name, name, StringComparison.OrdinalIgnoreCase) && waiter.Predicate(next))
                {
                    completed.Add((waiter.Done, next));
                    waiters.RemoveAt(i);
                }
            }

            foreach (var watcher in watchers)
            {
                watcher.Writer.TryWrite(next);
            }
        }

        foreach (var (done, snapshot) in completed)
        {
            done.TrySetResult(snapshot);
        }

        return next;
    }

    internal void Register(ResourceSnapshot snapshot)
    {
        lock (gate)
        {
            snapshots[snapshot.Name] = snapshot;
        }
    }

    internal static string Describe(ResourceSnapshot snapshot) =>
        (snapshot.ExitCode is { } code ? $" with exit code {code}" : "") + (snapshot.Message is { } message ? $": {message}" : "");
}
