using Api.Data.QueryCache;
using Microsoft.AspNetCore.Diagnostics;

namespace Api.Data;

/// <summary>
/// PostgreSQL unreachable (refused, reset, timed out) is the server's temporary trouble, not the client's mistake
/// nor a bug: 503 problem details with Retry-After, instead of a 500.
/// </summary>
internal sealed class DatabaseUnavailableExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!QueryResultCache.IsDatabaseUnreachable(exception) && !(exception.InnerException is { } inner && QueryResultCache.IsDatabaseUnreachable(inner)))
        {
            return false;
        }

        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is unavailable.",
                Detail = "PostgreSQL cannot be reached right now; retry in a few seconds.",
            },
        });
    }
}
