namespace AppHost.DatabaseCommands;

/// <summary>What the database commands write to the database resource's console log.</summary>
internal static partial class DatabaseCommandsLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "$ {CommandLine}")]
    public static partial void CommandStarted(this ILogger logger, string commandLine);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Line}")]
    public static partial void CommandOutput(this ILogger logger, string line);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Line}")]
    public static partial void CommandError(this ILogger logger, string line);
}
