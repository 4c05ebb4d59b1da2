using Scalar.AspNetCore;

namespace Api.OpenApi;

internal static class ApiReferenceExtensions
{
    public static IHostApplicationBuilder AddApiReference(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            var bearer = new BearerSecuritySchemeTransformer();
            options.AddDocumentTransformer(bearer);
            options.AddOperationTransformer(bearer);
        });
        return builder;
    }

    /// <summary>In Development: the document at /openapi/v1.json and the reference page at /scalar.</summary>
    public static WebApplication MapApiReference(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.MapOpenApi();
            app.MapScalarApiReference();
        }

        return app;
    }
}
