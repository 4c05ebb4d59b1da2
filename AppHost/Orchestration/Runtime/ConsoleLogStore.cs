namespace AppHost.Orchestration;

/// <summary>One line a resource wrote, numbered per resource so readers can resume after the last one they saw.</summary>
public sealed record ConsoleLine(string Resource, long Number, DateTimeOffset Timestamp, string Text, bool IsError);

/// <summary>The last lines of every resource's console, bounded so a chatty service cannot grow memory.</summary>
public sealed class ConsoleLogStore(int linesPerResource)
{
    private readonly Lock gate = new();

    /// <summary>How many of a resource's last lines are kept.</summary>
    public int LinesPerResource => linesPerResource;

    private readonly Dictionary<string, Queue<ConsoleLine>> lines = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, long> counters = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<ConsoleLine> GetLines(string resource)
    {
        lock (gate)
        {
            return lines.TryGetValue(resource, out var queue) ? [.. queue] : [];
        }
    }

    internal void Add(string resource, string text, bool isError)
    {
        lock (gate)
        {
            if (!lines.TryGetValue(resource, out var queue))
            {
                lines[resource] = queue = new Queue<ConsoleLine>();
            }

            var number = counters[resource] = counters.GetValueOrDefault(resource) + 1;
            queue.Enqueue(new ConsoleLine(resource, number, DateTimeOffset.UtcNow, text, isError));
            while (queue.Count > linesPerResource)
            {
                queue.Dequeue();
            }
        }
    }
}
