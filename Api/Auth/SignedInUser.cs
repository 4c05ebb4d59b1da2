namespace Api.Auth;

/// <summary>
/// Who is asking, as the bearer authentication read it from the session and user rows (direct handle),
/// in one query. Endpoints take it as a parameter; it binds only on endpoints that require authorization.
/// </summary>
public sealed record SignedInUser(
    string SessionId,
    DateTimeOffset SessionExpiresAt,
    string Id,
    string Name,
    string Email,
    bool EmailVerified,
    string? Image,
    DateTimeOffset CreatedAt)
{
    public static ValueTask<SignedInUser?> BindAsync(HttpContext context) =>
        ValueTask.FromResult(context.Features.Get<SignedInUser>());
}
