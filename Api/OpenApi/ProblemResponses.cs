using Microsoft.AspNetCore.Mvc;

namespace Api.OpenApi;

internal static class ProblemResponses
{
    /// <summary>
    /// Declares the problem-details answers an endpoint gives, so the OpenAPI document lists them: 400 with the
    /// field errors (<c>errors</c>: field name to messages), the others with <c>detail</c>.
    /// </summary>
    public static TBuilder WithProblems<TBuilder>(this TBuilder builder, params int[] statusCodes)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var statusCode in statusCodes)
        {
            var type = statusCode == StatusCodes.Status400BadRequest ? typeof(HttpValidationProblemDetails) : typeof(ProblemDetails);
            builder.WithMetadata(new ProducesResponseTypeMetadata(statusCode, type, ["application/problem+json"]));
        }

        return builder;
    }
}
