namespace Microsoft.Extensions.Hosting;

// The body of /health and /alive. Deliberately has no room for HealthReportEntry.Exception or
// .Data: those can carry stack traces and connection details.
internal sealed record HealthReportResponse(
    string Status,
    double TotalDurationMs,
    IReadOnlyList<HealthCheckResponse> Checks);

internal sealed record HealthCheckResponse(
    string Name,
    string Status,
    string? Description,
    double DurationMs);
