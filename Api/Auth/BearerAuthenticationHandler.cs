using System.Security.Claims;
using System.Text.Encodings.Web;
using Api.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Api.Auth;

// `Authorization: Bearer {token}`: the token's SHA-256 is looked up in `session`, with its user, on the
// direct handle: a signed-out or expired session must stop working at once, never be served from a cache.
internal sealed class BearerAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    DirectDbContext db,
    IProblemDetailsService problemDetails)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    private const string Prefix = "Bearer ";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (header is null)
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || !SessionTokens.IsWellFormed(header[Prefix.Length..].Trim()))
        {
            return AuthenticateResult.Fail("The Authorization header must be 'Bearer {token}' with the token sign-in returned.");
        }

        var hash = SessionTokens.Hash(header[Prefix.Length..].Trim());
        var user = await db.Sessions
            .AsNoTracking()
            .Where(session => session.Token == hash)
            .Select(session => new SignedInUser(
                session.Id,
                session.ExpiresAt,
                session.User.Id,
                session.User.Name,
                session.User.Email,
                session.User.EmailVerified,
                session.User.Image,
                session.User.CreatedAt))
            .SingleOrDefaultAsync(Context.RequestAborted);

        if (user is null)
        {
            return AuthenticateResult.Fail("The session does not exist or was signed out. Sign in again.");
        }

        if (user.SessionExpiresAt <= TimeProvider.GetUtcNow())
        {
            return AuthenticateResult.Fail("The session has expired. Sign in again.");
        }

        Context.Features.Set(user);
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id), new Claim("sid", user.SessionId)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = SchemeName;
        await problemDetails.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails =
            {
                Status = StatusCodes.Status401Unauthorized,
                Detail = result.Failure?.Message ?? "Sign in, then send 'Authorization: Bearer {token}'.",
            },
        });
    }
}
