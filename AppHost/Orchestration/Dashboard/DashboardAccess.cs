using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace AppHost.Orchestration;

/// <summary>
/// The run's token guards everything: a browser presents it once at /login and gets a cookie;
/// scripts and tests send <c>Authorization: Bearer {token}</c>.
/// </summary>
internal sealed class DashboardAccess(string token)
{
    private const string CookieName = "apphost-token";

    private readonly byte[] expected = Encoding.UTF8.GetBytes(token);

    public IResult LogIn(HttpContext http, string? t)
    {
        if (!Matches(t))
        {
            return Results.Problem(
                "The login link's token is missing or wrong: open the 'Dashboard:' URL the AppHost printed.",
                statusCode: StatusCodes.Status401Unauthorized);
        }

        http.Response.Cookies.Append(CookieName, token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, IsEssential = true });
        return Results.Redirect("/");
    }

    public async Task RequireTokenAsync(HttpContext http, RequestDelegate next)
    {
        // OTLP exporters present their own API key, checked by the intake.
        if (http.Request.Path.StartsWithSegments("/login") || OtlpIntake.Handles(http.Request.Path) || Presented(http.Request) is { } presented && Matches(presented))
        {
            await next(http);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(
            "Send the AppHost's token as 'Authorization: Bearer {token}', or open the 'Dashboard:' URL it printed.",
            statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(http);
    }

    private static string? Presented(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        return request.Cookies[CookieName];
    }

    private bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), expected);
}
