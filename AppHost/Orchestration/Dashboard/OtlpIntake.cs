using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace AppHost.Orchestration;

/// <summary>
/// Where services' OTLP/HTTP exporters post (the endpoint the AppHost gives them in OTEL_EXPORTER_OTLP_ENDPOINT),
/// guarded by the <c>x-otlp-api-key</c> header as Aspire's dashboard is. Until the dashboard's telemetry store
/// exists, accepted data is acknowledged and dropped, so exporters neither fail nor retry.
/// </summary>
internal sealed class OtlpIntake(string apiKey)
{
    public const string ApiKeyHeader = "x-otlp-api-key";

    private readonly byte[] expected = Encoding.UTF8.GetBytes(apiKey);

    public static bool Handles(PathString path) => path.StartsWithSegments("/v1");

    public void Map(IEndpointRouteBuilder routes)
    {
        foreach (var signal in new[] { "traces", "logs", "metrics" })
        {
            routes.MapPost($"/v1/{signal}", Accept);
        }
    }

    private IResult Accept(HttpContext http)
    {
        var presented = http.Request.Headers[ApiKeyHeader].ToString();
        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), expected))
        {
            return Results.Problem($"Send the API key the AppHost gave the service in the {ApiKeyHeader} header.", statusCode: StatusCodes.Status401Unauthorized);
        }

        // An empty Export*ServiceResponse: full success, nothing rejected.
        return Results.Bytes([], "application/x-protobuf");
    }
}
