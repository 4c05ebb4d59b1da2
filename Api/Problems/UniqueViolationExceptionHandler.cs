using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Api.Problems;

// Two requests racing for one unique value (an email, a slug, a membership) both pass the endpoint's
// checks; PostgreSQL's unique index decides, and the loser gets 409, not 500. An expected answer, so one line in the
// log, without the exception.
internal sealed partial class UniqueViolationExceptionHandler(IProblemDetailsService problemDetails, ILogger<UniqueViolationExceptionHandler> logger)
    : IExceptionHandler
{
    private static readonly Dictionary<string, string> MessagesByIndex = new(StringComparer.Ordinal)
    {
        ["ix_user_email"] = "An account with this email already exists. Sign in instead.",
        ["ix_organization_slug"] = "An organization already has this slug. Choose another one.",
        ["ix_member_user_id_organization_id"] = "This user is already a member of the organization.",
        ["ix_invitation_organization_id_email"] = "This email already has an invitation to the organization.",
    };

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var postgres = exception as PostgresException ?? (exception as DbUpdateException)?.InnerException as PostgresException;
        if (postgres?.SqlState != PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }

        LogConflict(logger, httpContext.Request.Method, httpContext.Request.Path, postgres.ConstraintName);
        httpContext.Response.StatusCode = StatusCodes.Status409Conflict;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = StatusCodes.Status409Conflict,
                Detail = MessagesByIndex.GetValueOrDefault(postgres.ConstraintName ?? string.Empty, "This value is already taken."),
            },
            Exception = exception,
        });
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "409 for {Method} {Path}: the value is already taken ({Constraint})")]
    private static partial void LogConflict(ILogger logger, string method, PathString path, string? constraint);
}
