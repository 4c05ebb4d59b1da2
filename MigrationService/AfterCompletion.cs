namespace MigrationService;

/// <summary>
/// What the worker does once the database is current. Under the AppHost and Compose it exits, and the Api starts on
/// that exit (WaitForCompletion, service_completed_successfully). A container platform (Azure Container Apps, a
/// Kubernetes Deployment) restarts any container that exits, even with 0, which would run it in a loop; deployed
/// there the manifest sets <c>Worker__KeepAliveAfterCompletion=true</c> and the worker stays up, idle, until the next
/// release replaces it. A failure still exits non-zero, so the platform retries it and shows it failing.
/// </summary>
internal static partial class AfterCompletion
{
    public const string KeepAliveSetting = "Worker:KeepAliveAfterCompletion";

    public static async Task StopOrStayUpAsync(
        bool succeeded, IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger logger, CancellationToken stoppingToken)
    {
        if (succeeded && configuration.GetValue<bool>(KeepAliveSetting))
        {
            LogStayingUp(logger, KeepAliveSetting);
            await Task.Delay(Timeout.Infinite, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            return;
        }

        lifetime.StopApplication();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database is current; staying up until stopped ({Setting}), so the platform does not run the migrations again")]
    private static partial void LogStayingUp(ILogger logger, string setting);
}
