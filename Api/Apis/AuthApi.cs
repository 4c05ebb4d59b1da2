using Api.Apis.Contracts;
using Api.Auth;
using Api.Data;
using Api.OpenApi;
using Api.Problems;
using Db.Credentials;
using Db.Schema;
using Microsoft.EntityFrameworkCore;

namespace Api.Apis;

/// <summary>
/// Accounts and sessions. Every read and write here uses the direct handle: credentials and sessions decide
/// who may do what, and a session just created or signed out must be seen by the very next request.
/// </summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/auth").WithTags(ApiDocumentInfo.Accounts);

        api.MapPost("/sign-up", SignUp).WithName("signUp").WithSummary("Create an account and sign in").RequireRateLimiting(AuthRateLimiting.PolicyName).WithProblems(400, 409, 413, 415, 429);
        api.MapPost("/sign-in", SignIn).WithName("signIn").WithSummary("Sign in with email and password").RequireRateLimiting(AuthRateLimiting.PolicyName).WithProblems(400, 401, 413, 415, 429);
        api.MapPost("/sign-out", SignOut).WithName("signOut").WithSummary("End the current session").RequireAuthorization().WithProblems(401);
        api.MapGet("/session", GetSession).WithName("getSession").WithSummary("The current session and its user").RequireAuthorization().WithProblems(401);

        return app;
    }

    public static async Task<Results<Created<SessionResponse>, ProblemHttpResult>> SignUp(
        SignUpRequest request,
        HttpContext http,
        DirectDbContext db,
        SessionIssuer sessions,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var name = FieldRules.Name(errors, "name", request.Name);
        var email = FieldRules.Email(errors, "email", request.Email);
        FieldRules.Password(errors, "password", request.Password);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var user = new User { Name = name!, Email = email! };
        db.Users.Add(user);
        db.Identities.Add(new Identity
        {
            UserId = user.Id,
            AccountId = user.Id,
            ProviderId = CredentialPasswords.ProviderId,
            Password = CredentialPasswords.Hash(request.Password),
        });
        var (token, session) = sessions.Issue(http, user.Id);
        db.Sessions.Add(session);

        // One SaveChanges, one transaction: a taken email (ix_user_email, 23505) leaves nothing behind and answers 409.
        await db.SaveChangesAsync(cancellationToken);

        return TypedResults.Created("/api/auth/session", new SessionResponse(token, session.ExpiresAt, ToResponse(user)));
    }

    public static async Task<Results<Ok<SessionResponse>, ProblemHttpResult>> SignIn(
        SignInRequest request,
        HttpContext http,
        DirectDbContext db,
        CredentialPasswords passwords,
        SessionIssuer sessions,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Email) || request.Password.Length == 0)
        {
            return Problem.Invalid("$", "Send an email and a password.");
        }

        var email = request.Email.Trim().ToLowerInvariant();
        var credential = email.Length > FieldRules.MaxEmailLength || request.Password.Length > FieldRules.MaxPasswordLength
            ? null
            : await db.Identities
                .Include(identity => identity.User)
                .Where(identity => identity.ProviderId == CredentialPasswords.ProviderId && identity.User.Email == email)
                .SingleOrDefaultAsync(cancellationToken);

        // An unknown email still costs one hash verification: the answer and its timing are the same.
        var rehash = passwords.Verify(credential?.Password, request.Password);
        if (credential is null || rehash is null)
        {
            return Problem.Unauthorized("The email or the password is wrong.");
        }

        if (rehash == true)
        {
            credential.Password = CredentialPasswords.Hash(request.Password);
        }

        var (token, session) = sessions.Issue(http, credential.UserId);
        db.Sessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);

        return TypedResults.Ok(new SessionResponse(token, session.ExpiresAt, ToResponse(credential.User)));
    }

    public static async Task<NoContent> SignOut(SignedInUser me, DirectDbContext db, CancellationToken cancellationToken)
    {
        await db.Sessions.Where(session => session.Id == me.SessionId).ExecuteDeleteAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    public static Ok<CurrentSessionResponse> GetSession(SignedInUser me) =>
        TypedResults.Ok(new CurrentSessionResponse(me.SessionExpiresAt, UsersApi.ToResponse(me)));

    private static UserResponse ToResponse(User user) =>
        new(user.Id, user.Name, user.Email, user.EmailVerified, user.Image, user.CreatedAt);
}
