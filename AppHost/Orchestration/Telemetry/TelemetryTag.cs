namespace AppHost.Orchestration.Telemetry;

/// <summary>One attribute of a span, log or metric point, its value rendered as text once at intake.</summary>
public sealed record TelemetryTag(string Key, string Value);
