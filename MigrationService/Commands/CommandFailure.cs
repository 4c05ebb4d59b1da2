namespace MigrationService;

/// <summary>A command stops with one line for the user: <see cref="Usage"/> for a mistake in how it was called or configured.</summary>
internal sealed class CommandFailure(string message, int exitCode = CommandFailure.Failed) : Exception(message)
{
    public const int Failed = FailureReport.DatabaseFailure;
    public const int Usage = FailureReport.ConfigurationError;

    public int ExitCode { get; } = exitCode;
}
