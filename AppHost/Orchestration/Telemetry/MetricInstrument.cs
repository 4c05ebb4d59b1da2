namespace AppHost.Orchestration.Telemetry;

/// <summary>
/// One point of a metric series: a gauge or sum's value, or a histogram's count and sum, over the interval from
/// <paramref name="Start"/> (OTLP's start time; default when not sent) to <paramref name="Time"/>.
/// </summary>
public readonly record struct MetricPoint(DateTimeOffset Time, double Value, ulong Count, DateTimeOffset Start = default);

/// <summary>
/// How a sum or histogram's points relate (OTLP's AggregationTemporality): each the total since the start
/// (cumulative, the .NET default) or only what happened since the previous point (delta).
/// </summary>
public enum MetricTemporality
{
    Cumulative,
    Delta,
}

/// <summary>What kind of instrument a metric came from, which decides how its chart reads.</summary>
public enum MetricKind
{
    Gauge,
    Counter,
    UpDownCounter,
    Histogram,
}

/// <summary>The points of one attribute combination of an instrument, oldest first, bounded.</summary>
public sealed class MetricSeries(string key, IReadOnlyList<TelemetryTag> attributes)
{
    private readonly Queue<MetricPoint> points = new();

    public string Key { get; } = key;

    public IReadOnlyList<TelemetryTag> Attributes { get; } = attributes;

    internal IReadOnlyList<MetricPoint> Snapshot() => [.. points];

    internal void Add(MetricPoint point, int max)
    {
        points.Enqueue(point);
        while (points.Count > max)
        {
            points.Dequeue();
        }
    }

    internal int Count => points.Count;
}

/// <summary>An instrument of one resource (e.g. the API's http.server.request.duration) and its series.</summary>
public sealed class MetricInstrument(string resource, string scope, string name, string description, string unit, MetricKind kind, MetricTemporality temporality)
{
    internal Dictionary<string, MetricSeries> Series { get; } = new(StringComparer.Ordinal);

    public string Resource { get; } = resource;

    public string Scope { get; } = scope;

    public string Name { get; } = name;

    public string Description { get; } = description;

    public string Unit { get; } = unit;

    public MetricKind Kind { get; } = kind;

    public MetricTemporality Temporality { get; } = temporality;
}

/// <summary>A copy of an instrument's series, safe to read while intake goes on.</summary>
public sealed record MetricSeriesView(IReadOnlyList<TelemetryTag> Attributes, IReadOnlyList<MetricPoint> Points);

/// <summary>An instrument as listed, without its points.</summary>
public sealed record MetricInstrumentView(
    string Resource, string Scope, string Name, string Description, string Unit, MetricKind Kind, int SeriesCount,
    MetricTemporality Temporality = MetricTemporality.Cumulative);
