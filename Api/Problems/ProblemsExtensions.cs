using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Routing;

namespace Api.Problems;

internal static class ProblemsExtensions
{
    // Errors leave as RFC 9457 problem+json: client mistakes as 4xx naming the problem, server faults as a
    // bare 500 without exception details.
    public static IHostApplicationBuilder AddApiProblems(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
            {
                StatusCodes.Status413PayloadTooLarge => $"The request body is larger than {BodySizeLimit.Bytes} bytes.",
                StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON, with Content-Type: application/json.",
                _ => null,
            };
        });
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<UniqueViolationExceptionHandler>();
        builder.Services.LogDatabaseFailuresOnce();

        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            // A misspelt field is an error, not silently ignored; null or missing required fields too.
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.RespectNullableAnnotations = true;
            options.SerializerOptions.RespectRequiredConstructorParameters = true;
            // A number is a JSON number: "5" is not accepted for 5 (the web defaults allow it). The OpenAPI document then
            // types numbers as integers, not "integer or string", which generated clients turn into wrapper types.
            options.SerializerOptions.NumberHandling = JsonNumberHandling.Strict;
        });

        // Binding failures reach BadRequestExceptionHandler in every environment, so the answer names the field.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);

        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(
            kestrel => kestrel.Limits.MaxRequestBodySize = BodySizeLimit.Bytes);

        return builder;
    }
}
