namespace AppHost.Orchestration.Telemetry;

/// <summary>
/// The dashboard's in-memory telemetry: spans grouped by trace, structured logs and metric series, each bounded by
/// <see cref="TelemetryLimits"/> (oldest evicted first). Writers are the OTLP intake; readers are the pages and the API.
/// </summary>
public sealed class TelemetryStore(TelemetryLimits limits)
{
    private readonly Lock gate = new();
    private readonly Queue<TelemetrySpan> spans = new();
    private readonly Dictionary<string, List<TelemetrySpan>> traces = new(StringComparer.Ordinal);
    private readonly Queue<TelemetryLog> logs = new();
    private readonly Dictionary<(string Resource, string Name), MetricInstrument> instruments = [];
    private readonly HashSet<string> resources = new(StringComparer.Ordinal);
    private long nextLogId;
    private long version;

    public TelemetryLimits Limits { get; } = limits;

    /// <summary>Grows on every change: a page polls it and re-reads only when it moved.</summary>
    public long Version => Interlocked.Read(ref version);

    public int SpanCount
    {
        get
        {
            lock (gate)
            {
                return spans.Count;
            }
        }
    }

    public int LogCount
    {
        get
        {
            lock (gate)
            {
                return logs.Count;
            }
        }
    }

    public IReadOnlyList<string> Resources
    {
        get
        {
            lock (gate)
            {
                return [.. resources.Order(StringComparer.Ordinal)];
            }
        }
    }

    public void AddSpans(IEnumerable<TelemetrySpan> received)
    {
        lock (gate)
        {
            foreach (var span in received)
            {
                resources.Add(span.Resource);
                spans.Enqueue(span);
                if (!traces.TryGetValue(span.TraceId, out var trace))
                {
                    traces[span.TraceId] = trace = [];
                }

                trace.Add(span);
                while (spans.Count > Limits.MaxSpans)
                {
                    Evict(spans.Dequeue());
                }
            }

            version++;
        }
    }

    public void AddLogs(IEnumerable<TelemetryLog> received)
    {
        lock (gate)
        {
            foreach (var log in received)
            {
                resources.Add(log.Resource);
                logs.Enqueue(log with { Id = ++nextLogId });
                while (logs.Count > Limits.MaxLogs)
                {
                    logs.Dequeue();
                }
            }

            version++;
        }
    }

    /// <summary>Adds one point; an instrument or series beyond the limits is dropped rather than stored.</summary>
    public void AddMetricPoint(MetricInstrumentView instrument, IReadOnlyList<TelemetryTag> attributes, MetricPoint point)
    {
        var key = string.Join('\u001f', attributes.Select(a => $"{a.Key}={a.Value}"));
        lock (gate)
        {
            resources.Add(instrument.Resource);
            if (!instruments.TryGetValue((instrument.Resource, instrument.Name), out var stored))
            {
                if (instruments.Count >= Limits.MaxInstruments)
                {
                    return;
                }

                stored = new MetricInstrument(instrument.Resource, instrument.Scope, instrument.Name, instrument.Description, instrument.Unit, instrument.Kind, instrument.Temporality);
                instruments[(instrument.Resource, instrument.Name)] = stored;
            }

            if (!stored.Series.TryGetValue(key, out var series))
            {
                if (stored.Series.Count >= Limits.MaxSeriesPerInstrument)
                {
                    return;
                }

                stored.Series[key] = series = new MetricSeries(key, attributes);
            }

            series.Add(point, Limits.MaxPointsPerSeries);
            version++;
        }
    }

    /// <summary>Newest traces first, optionally only those touching <paramref name="resource"/> and whose name contains <paramref name="name"/>.</summary>
    public IReadOnlyList<TelemetryTrace> GetTraces(string? resource = null, string? name = null, int limit = 200)
    {
        List<(string Id, TelemetrySpan[] Spans)> candidates;
        lock (gate)
        {
            candidates = [.. traces.Select(t => (t.Key, t.Value.ToArray()))];
        }

        return [.. candidates
            .Select(t => TelemetryTrace.Of(t.Id, t.Spans))
            .Where(t => resource is null || t.Resources.Contains(resource, StringComparer.Ordinal))
            .Where(t => string.IsNullOrWhiteSpace(name) || t.Name.Contains(name.Trim(), StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(t => t.Start)
            .Take(limit)];
    }

    /// <summary>The spans of one trace ordered by start, or an empty list when it is unknown or evicted.</summary>
    public IReadOnlyList<TelemetrySpan> GetTrace(string traceId)
    {
        lock (gate)
        {
            return traces.TryGetValue(traceId, out var trace) ? [.. trace.OrderBy(s => s.Start)] : [];
        }
    }

    /// <summary>Newest logs first that match every filter given.</summary>
    public IReadOnlyList<TelemetryLog> GetLogs(string? resource = null, LogSeverity? minimum = null, string? text = null, string? traceId = null, int limit = 500)
    {
        TelemetryLog[] all;
        lock (gate)
        {
            all = [.. logs];
        }

        var search = text?.Trim();
        return [.. all.Reverse()
            .Where(l => resource is null || l.Resource == resource)
            .Where(l => minimum is null || l.Severity >= minimum)
            .Where(l => traceId is null || l.TraceId == traceId)
            .Where(l => string.IsNullOrEmpty(search) || Matches(l, search))
            .Take(limit)];
    }

    public IReadOnlyList<MetricInstrumentView> GetInstruments(string resource)
    {
        lock (gate)
        {
            return [.. instruments.Values.Where(i => i.Resource == resource).OrderBy(i => i.Name, StringComparer.Ordinal)
                .Select(i => new MetricInstrumentView(i.Resource, i.Scope, i.Name, i.Description, i.Unit, i.Kind, i.Series.Count, i.Temporality))];
        }
    }

    public IReadOnlyList<MetricSeriesView> GetSeries(string resource, string instrument)
    {
        lock (gate)
        {
            return instruments.TryGetValue((resource, instrument), out var stored)
                ? [.. stored.Series.Values.Select(s => new MetricSeriesView(s.Attributes, s.Snapshot()))]
                : [];
        }
    }

    /// <summary>Total metric points held, for measuring the store at its bound.</summary>
    public int MetricPointCount
    {
        get
        {
            lock (gate)
            {
                return instruments.Values.Sum(i => i.Series.Values.Sum(s => s.Count));
            }
        }
    }

    private void Evict(TelemetrySpan oldest)
    {
        if (traces.TryGetValue(oldest.TraceId, out var trace))
        {
            // Spans leave in arrival order, so the oldest is almost always first in its trace.
            trace.RemoveAt(trace.FindIndex(s => ReferenceEquals(s, oldest)));
            if (trace.Count == 0)
            {
                traces.Remove(oldest.TraceId);
            }
        }
    }

    private static bool Matches(TelemetryLog log, string search) =>
        log.Message.Contains(search, StringComparison.OrdinalIgnoreCase)
        || log.Category.Contains(search, StringComparison.OrdinalIgnoreCase)
        || log.Attributes.Any(a => a.Value.Contains(search, StringComparison.OrdinalIgnoreCase));
}
