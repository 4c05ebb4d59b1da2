using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Api.OpenApi;

// Problem details carry members beyond the five of RFC 9457: `traceId` on every one (to find the request in the
// traces), `errors` on validation problems. The generated schema would forbid extra members (the API's JSON options
// refuse unknown fields in requests); a problem's schema allows them, and names traceId. `errors` becomes a named
// schema, FieldErrors, so generated clients get a type named for what it is rather than for where it sits; that is
// done on the finished document, since a schema transformer also walks the properties it would replace.
internal sealed class ProblemSchemaTransformer : IOpenApiSchemaTransformer, IOpenApiDocumentTransformer
{
    private const string FieldErrors = "FieldErrors";

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type.IsAssignableTo(typeof(ProblemDetails)))
        {
            schema.AdditionalPropertiesAllowed = true;
            schema.AdditionalProperties = null;
            schema.Properties ??= new Dictionary<string, IOpenApiSchema>();
            schema.Properties["traceId"] = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "The W3C trace context of the request, to find it in the traces and logs.",
            };
        }

        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        if (document.Components?.Schemas is { } schemas
            && schemas.TryGetValue(nameof(HttpValidationProblemDetails), out var validation)
            && validation is OpenApiSchema { Properties: { } properties }
            && properties.TryGetValue("errors", out var errors))
        {
            schemas[FieldErrors] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "For each field of the request that is not valid (`$` for the body as a whole), what is wrong and how to fix it.",
                AdditionalProperties = errors.AdditionalProperties,
            };
            properties["errors"] = new OpenApiSchemaReference(FieldErrors, document);
        }

        return Task.CompletedTask;
    }
}
