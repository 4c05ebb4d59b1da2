using Microsoft.AspNetCore.Mvc;

namespace Api.OpenApi;

internal static class ProblemResponses
{
    /// <summary>Declares the problem-details answers an endpoint gives, so the OpenAPI document lists them.</summary>
    public static TBuilder WithProblems<TBuilder>(this TBuilder builder, params int[] statusCodes)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var statusCode in statusCodes)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(statusCode, typeof(ProblemDetails), ["application/problem+json"]));
        }

        return builder;
    }
}
