namespace Api.Extensions;

internal static class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddAppDatabase();
        builder.AddCache();

        return builder;
    }
}
