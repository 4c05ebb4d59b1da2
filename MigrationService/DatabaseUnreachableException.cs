namespace MigrationService;

internal sealed class DatabaseUnreachableException(string endpoint, int attempts, string reason, Exception innerException)
    : Exception(
        $"could not connect to {endpoint} after {attempts} {(attempts == 1 ? "attempt" : "attempts")} ({reason}). " +
        $"Check {AppDbConnectionString.EnvironmentVariable}.",
        innerException);
