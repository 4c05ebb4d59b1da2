using Aspire.Hosting.Publishing;

namespace AppHost.Publishing;

/// <summary>
/// Aspire 13.6 logs a failed pipeline step (a manifest it cannot write, say) and then exits with 0, so azd would go on
/// with no manifest. A publish that did not reach <see cref="AfterPublishEvent"/> exits with 1 instead.
/// </summary>
internal static class FailedPublish
{
    public static void ExitsNonZero(IDistributedApplicationBuilder builder)
    {
        var published = false;
        builder.Eventing.Subscribe<AfterPublishEvent>((_, _) =>
        {
            published = true;
            return Task.CompletedTask;
        });
        builder.Eventing.Subscribe<BeforePublishEvent>((@event, _) =>
        {
            @event.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped.Register(() =>
            {
                if (!published && Environment.ExitCode == 0)
                {
                    Environment.ExitCode = 1;
                }
            });
            return Task.CompletedTask;
        });
    }
}
