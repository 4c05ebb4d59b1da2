using Db.Schema;
using Microsoft.Extensions.Options;

namespace Api.Auth;

// Makes the session row sign-up and sign-in add: the token's hash, the expiry, and where the client signed in from.
public sealed class SessionIssuer(IOptions<SessionLifetimeOptions> options, TimeProvider clock)
{
    private const int MaxUserAgentLength = 512;

    /// <summary>The token to give the client once, and the session to add (it stores only the token's hash).</summary>
    public (string Token, Session Session) Issue(HttpContext http, string userId)
    {
        var token = SessionTokens.New();
        string? userAgent = http.Request.Headers.UserAgent;
        return (token, new Session
        {
            UserId = userId,
            Token = SessionTokens.Hash(token),
            ExpiresAt = clock.GetUtcNow() + options.Value.SessionLifetime,
            IpAddress = http.Connection.RemoteIpAddress?.ToString(),
            UserAgent = userAgent is { Length: > MaxUserAgentLength } ? userAgent[..MaxUserAgentLength] : userAgent,
        });
    }
}
