using Scalar.AspNetCore;

namespace Api.OpenApi;

internal static class ApiReferenceExtensions
{
    public static IHostApplicationBuilder AddApiReference(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<ApiDocumentInfo>();
            var problems = new ProblemSchemaTransformer();
            options.AddSchemaTransformer(problems);
            options.AddDocumentTransformer(problems);
            var bearer = new BearerSecuritySchemeTransformer();
            options.AddDocumentTransformer(bearer);
            options.AddOperationTransformer(bearer);
        });

        // The build-time generator starts the host to read the document: the API's own start-up work (warming the
        // database and cache connections, loading the query cache) would fail there, with nothing to connect to, and
        // stop the host before the document is written. Called after the other registrations, so it sees them all.
        if (BuildTimeDocument.IsBeingGenerated)
        {
            foreach (var startupWork in builder.Services
                .Where(service => service.ServiceType == typeof(IHostedService) && service.ImplementationType?.Assembly == typeof(ApiReferenceExtensions).Assembly)
                .ToList())
            {
                builder.Services.Remove(startupWork);
            }
        }

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
