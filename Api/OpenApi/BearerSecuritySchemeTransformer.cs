using Api.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Api.OpenApi;

// Declares the bearer scheme, and requires it on exactly the operations that require authorization, so the
// reference page offers the token field where it is needed. The others say they are public with an empty
// requirement ({}: no scheme needed), rather than saying nothing, which would leave a reader to guess.
internal sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerAuthenticationHandler.SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The token POST /api/auth/sign-in or /api/auth/sign-up returned.",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Security ??= [];
        operation.Security.Add(context.Description.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any()
            ? new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(BearerAuthenticationHandler.SchemeName, context.Document)] = [],
            }
            : new OpenApiSecurityRequirement());

        return Task.CompletedTask;
    }
}
