using Db.Credentials;
using Microsoft.AspNetCore.Authentication;

namespace Api.Auth;

internal static class AuthExtensions
{
    public static IHostApplicationBuilder AddApiAuth(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<SessionLifetimeOptions>(builder.Configuration.GetSection(SessionLifetimeOptions.Section));
        builder.Services.AddSingleton<CredentialPasswords>();
        builder.Services.AddSingleton<SessionIssuer>();
        builder.Services.AddSingleton(TimeProvider.System);

        // AddAuthenticationCore, not AddAuthentication: the latter also registers Data Protection, whose key ring is
        // loaded (on a fresh machine or container: created, with warnings about unencrypted keys) at every start,
        // about a tenth of the API's start. Nothing here protects data: bearer tokens are random and stored hashed.
        builder.Services.AddAuthenticationCore(options => options.DefaultScheme = BearerAuthenticationHandler.SchemeName);
        builder.Services.AddWebEncoders();
        new AuthenticationBuilder(builder.Services)
            .AddScheme<AuthenticationSchemeOptions, BearerAuthenticationHandler>(BearerAuthenticationHandler.SchemeName, configureOptions: null);
        builder.Services.AddAuthorization();

        // AuthenticationHandler logs two Information lines for every request with a bad, expired or signed-out
        // token, and one for every anonymous request to a protected endpoint: expected answers (401 with a problem
        // naming the reason), not events. Its warnings and errors still show.
        builder.Logging.AddFilter(typeof(BearerAuthenticationHandler).FullName, LogLevel.Warning);

        builder.AddAuthRateLimiting();
        return builder;
    }
}
