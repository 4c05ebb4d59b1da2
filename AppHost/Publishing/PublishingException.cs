namespace AppHost.Publishing;

/// <summary>A publish that cannot be done as asked: shown as one line, exit code 2, nothing written.</summary>
internal sealed class PublishingException(string message) : Exception(message)
{
    /// <summary>The exit code of a refused request, as for a command line's usage error.</summary>
    public const int ExitCode = 2;
}
