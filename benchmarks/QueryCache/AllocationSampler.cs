using System.Collections.Concurrent;
using System.Diagnostics.Tracing;

namespace QueryCacheBenchmarks;

/// <summary>
/// Counts the runtime's allocation samples (one GCAllocationTick event about every 100 KB allocated) by type: which
/// objects a query path allocates most, without a profiler. In process, through an <see cref="EventListener"/>.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly ConcurrentDictionary<string, long> samplesByType = new(StringComparer.Ordinal);
    private volatile bool counting;

    /// <summary>Counts from now on (past the warm-up).</summary>
    public void Start() => counting = true;

    public void Print(int top)
    {
        Console.WriteLine("Allocation samples (about 100 KB each) by type:");
        foreach (var (type, samples) in samplesByType.OrderByDescending(pair => pair.Value).Take(top))
        {
            Console.WriteLine($"{samples,7} {type}");
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!counting || eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true)
        {
            return;
        }

        var at = eventData.PayloadNames?.IndexOf("TypeName") ?? -1;
        var type = at >= 0 ? eventData.Payload![at] as string ?? "?" : "?";
        samplesByType.AddOrUpdate(type, 1, (_, count) => count + 1);
    }
}
