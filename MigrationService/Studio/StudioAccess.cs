using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using System.Security.Cryptography;
using System.Text;

namespace MigrationService.Studio;

/// <summary>
/// A token guards the studio (random, or the launcher's): the printed URL carries it once (<c>/?t=...</c>), which sets a strict,
/// HTTP-only cookie; every other request needs that cookie. POSTs must also be JSON, which a cross-site form cannot send.
/// </summary>
internal sealed class StudioAccess
{
    private const string CookieName = "studio-token";

    private readonly byte[] expected;

    public StudioAccess(string? givenToken = null)
    {
        Token = givenToken ?? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        expected = Encoding.UTF8.GetBytes(Token);
    }

    public string Token { get; }

    /// <summary>Answers without the token, for a launcher's health probe: it tells only that the studio listens.</summary>
    public const string HealthPath = "/health";

    public async Task RequireTokenAsync(HttpContext http, RequestDelegate next)
    {
        if (HttpMethods.IsGet(http.Request.Method) && http.Request.Path == HealthPath && http.Request.QueryString.Value is null or "")
        {
            await next(http);
            return;
        }

        if (http.Request.Query["t"].FirstOrDefault() is { } presented)
        {
            if (!Matches(presented))
            {
                await DenyAsync(http);
                return;
            }

            http.Response.Cookies.Append(CookieName, Token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, IsEssential = true });
            http.Response.Redirect("/");
            return;
        }

        if (!Matches(http.Request.Cookies[CookieName]))
        {
            await DenyAsync(http);
            return;
        }

        // Of the methods writes use, only POST can come from another site's plain form; JSON needs a preflight that is never granted.
        if (HttpMethods.IsPost(http.Request.Method) && http.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true)
        {
            await Results.Problem("Send writes as application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType).ExecuteAsync(http);
            return;
        }

        await next(http);
    }

    private static Task DenyAsync(HttpContext http) =>
        Results.Problem("Open the studio with the URL it printed (it carries the access token).", statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(http);

    private bool Matches(string? presented) =>
        presented is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), expected);
}
