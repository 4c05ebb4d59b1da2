using Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Api.Problems;

// EF Core logs every failed command and every failed SaveChanges at Error, with the SQL and the stack trace, before
// the API has decided what the failure means. A unique violation is an expected 409 (UniqueViolationExceptionHandler
// logs it in one line); anything else reaches ExceptionHandlerMiddleware, which logs it at Error with its stack trace.
// So EF Core's two events are debug detail here, and each failed request is logged once, by the pipeline.
internal static class DatabaseFailureLogging
{
    public static IServiceCollection LogDatabaseFailuresOnce(this IServiceCollection services) => services
        .ConfigureDbContext<DirectDbContext>(Configure)
        .ConfigureDbContext<CachedDbContext>(Configure);

    private static void Configure(DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(warnings => warnings.Log(
            (RelationalEventId.CommandError, LogLevel.Debug),
            (CoreEventId.SaveChangesFailed, LogLevel.Debug)));
}
