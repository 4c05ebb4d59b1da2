using Api.Apis.Contracts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Api.Apis;

public static class DiagnosticsApi
{
    public static IEndpointRouteBuilder MapDiagnosticsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Diagnostics");

        // Touches neither database nor cache: load tests use it to measure the HTTP stack alone.
        api.MapGet("/ping", Ping);

        return app;
    }

    public static Ok<PingResponse> Ping() => TypedResults.Ok(PingResponse.Ok);
}
