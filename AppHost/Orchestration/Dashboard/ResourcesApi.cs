using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AppHost.Orchestration;

/// <summary><c>GET /api/v1/resources</c>: every resource and replica with its state, endpoints and connection string.</summary>
internal static class ResourcesApi
{
    public static void Map(IEndpointRouteBuilder routes, DistributedApplication app)
    {
        routes.MapGet("/api/v1/resources", () => Results.Ok(List(app)));
        routes.MapGet("/api/v1/resources/{name}", (string name) =>
            app.ResourceNotifications.TryGet(name) is { } snapshot
                ? Results.Ok(ResourceDto.From(snapshot))
                : Results.Problem($"There is no resource named '{name}'.", statusCode: StatusCodes.Status404NotFound));
        routes.MapGet("/api/v1/resources/{name}/console", (string name) =>
            app.ResourceNotifications.TryGet(name) is null && !string.Equals(name, EngineLog.ResourceName, StringComparison.Ordinal)
                ? Results.Problem($"There is no resource named '{name}'.", statusCode: StatusCodes.Status404NotFound)
                : Results.Ok(app.ConsoleLogs.GetLines(name)));
        routes.MapPost("/api/v1/resources/{name}/{command}", async (string name, string command) =>
        {
            if (!Enum.TryParse<ResourceCommand>(command, ignoreCase: true, out var parsed) || int.TryParse(command, out _))
            {
                return Results.Problem($"Unknown command '{command}': use stop, start or restart.", statusCode: StatusCodes.Status400BadRequest);
            }

            try
            {
                await app.ExecuteCommandAsync(name, parsed);
                return Results.Ok(app.ResourceNotifications.TryGet(name) is { } snapshot ? ResourceDto.From(snapshot) : null);
            }
            catch (DistributedApplicationException e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict);
            }
        });
    }

    private static List<ResourceDto> List(DistributedApplication app) =>
        [.. app.ResourceNotifications.Snapshots.OrderBy(s => s.ReplicaOf ?? s.Name, StringComparer.Ordinal).ThenBy(s => s.Name, StringComparer.Ordinal)
            .Select(ResourceDto.From)];
}

/// <summary>Version 1 of a resource as the AppHost's API shows it.</summary>
internal sealed record ResourceDto(
    string Name,
    string Type,
    string? ReplicaOf,
    string State,
    string? Health,
    int? ExitCode,
    int? ProcessId,
    DateTimeOffset? StartedAt,
    DateTimeOffset? StoppedAt,
    int Restarts,
    IReadOnlyList<string> Urls,
    string? ConnectionString,
    string? Message)
{
    public static ResourceDto From(ResourceSnapshot s) => new(
        s.Name, s.ResourceType, s.ReplicaOf, s.State, s.Health?.ToString(), s.ExitCode, s.ProcessId, s.StartedAt, s.StoppedAt,
        s.Restarts, s.Urls, s.ConnectionString, s.Message);
}
