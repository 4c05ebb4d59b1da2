namespace AppHost.Orchestration.Testing;

public static class SettledExtensions
{
    /// <summary>
    /// Waits until every resource is Running and Healthy or has finished; throws naming each resource that
    /// failed to start or exited with a non-zero code.
    /// </summary>
    public static async Task WaitForSettledAsync(this DistributedApplication app, CancellationToken cancellationToken = default)
    {
        var failed = await app.ResourceNotifications.WaitForAllSettledAsync(cancellationToken);
        if (failed.Count > 0)
        {
            throw new DistributedApplicationException(string.Join("; ", failed.Select(s =>
                $"{s.Name} is {s.State}{ResourceNotificationService.Describe(s)}: {string.Join(" | ", app.ConsoleLogs.GetLines(s.Name).TakeLast(5).Select(l => l.Text))}")));
        }
    }
}
