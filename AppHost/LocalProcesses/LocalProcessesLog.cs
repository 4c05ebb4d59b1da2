namespace AppHost.LocalProcesses;

/// <summary>What the local-process resources write to their own console log and to the AppHost's.</summary>
internal static partial class LocalProcessesLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Servers run as local processes: {Reason}.")]
    public static partial void RunningAsLocalProcesses(this ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Servers run as Aspire's containers: {Reason}.")]
    public static partial void RunningAsContainers(this ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Problem}")]
    public static partial void CannotStart(this ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created a PostgreSQL data folder in {Folder} with {InitDb}.")]
    public static partial void DataFolderCreated(this ILogger logger, string folder, string initDb);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cache server: {Program}.")]
    public static partial void CacheServerChosen(this ILogger logger, string program);

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not create database \"{Database}\": {Reason}")]
    public static partial void DatabaseNotCreated(this ILogger logger, string database, string reason);
}
