using Npgsql;

namespace MigrationService;

/// <summary>Turns a failure into the single stderr line a person reads, and the process exit code.</summary>
internal static class FailureReport
{
    public const int DatabaseFailure = 1;
    public const int ConfigurationError = 2;

    public static int Write(Exception exception, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"migrations failed: {Describe(exception)}");
        return exception is ConnectionStringException ? ConfigurationError : DatabaseFailure;
    }

    /// <summary>The most telling message of an exception chain, on one line.</summary>
    public static string Describe(Exception exception)
    {
        var message = exception switch
        {
            PostgresException postgres => postgres.MessageText,
            // Npgsql's own message only says it failed to connect; the inner one says why ("Connection refused").
            NpgsqlException { InnerException: { } inner } => Describe(inner),
            OperationCanceledException => "canceled before completing",
            _ => exception.Message,
        };
        return message.ReplaceLineEndings(" ");
    }
}
