namespace Api.Auth;

internal static class AuthExtensions
{
    public static IHostApplicationBuilder AddApiAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<SessionLifetimeOptions>(builder.Configuration.GetSection(SessionLifetimeOptions.Section));
        builder.Services.AddSingleton<CredentialPasswords>();
        builder.Services.AddSingleton(TimeProvider.System);

        builder.Services
            .AddAuthentication(BearerAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, BearerAuthenticationHandler>(
                BearerAuthenticationHandler.SchemeName, configureOptions: null);
        builder.Services.AddAuthorization();

        builder.AddAuthRateLimiting();
        return builder;
    }
}
