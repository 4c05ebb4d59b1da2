namespace Api.Extensions;

internal static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        // Every error, an unhandled exception included, leaves as RFC 9457 problem+json.
        builder.Services.AddProblemDetails();

        builder.AddAppDatabase();
        builder.AddCache();
        builder.AddSchemaReadiness();

        return builder;
    }
}
