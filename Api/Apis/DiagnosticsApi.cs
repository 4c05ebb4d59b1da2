using Api.Apis.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Api.Apis;

public static class DiagnosticsApi
{
    public static IEndpointRouteBuilder MapDiagnosticsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Diagnostics");

        // Touches neither database nor cache: load tests use it to measure the HTTP stack alone. Not part of the
        // contract a client programs against (like /health), so not in the OpenAPI document.
        api.MapGet("/ping", Ping).ExcludeFromDescription();

        return app;
    }

    public static Ok<PingResponse> Ping() => TypedResults.Ok(PingResponse.Ok);
}
