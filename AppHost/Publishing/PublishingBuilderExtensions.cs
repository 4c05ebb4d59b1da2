namespace AppHost.Publishing;

/// <summary>Publish mode as this app offers it: Aspire's own manifest, a Compose folder of ours, nothing else.</summary>
public static class PublishingBuilderExtensions
{
    /// <summary>
    /// Makes <c>--publisher manifest --output-path &lt;file&gt;</c> (Aspire's manifest, what azd runs) and
    /// <c>--publisher compose --output-path &lt;folder&gt;</c> (docker-compose.yaml and a private .env, written by
    /// <see cref="ComposePublishingStep"/> from the model) the two publishers. Any other request made with
    /// <c>--publisher</c> ends the process at once with exit code 2 and one line on stderr, before anything starts or
    /// is written. Once published, projects that others wait for with <c>WaitForCompletion</c> stay up after success
    /// where deployed (<see cref="RunOnceWorkers"/>), and a publish that fails exits non-zero.
    /// </summary>
    /// <remarks>
    /// A refused request calls <see cref="Environment.Exit(int)"/>, so it also ends a test host that passes one to
    /// <c>DistributedApplicationTestingBuilder</c>: run bad requests as their own process.
    /// </remarks>
    public static IDistributedApplicationBuilder AddPublishing(this IDistributedApplicationBuilder builder)
    {
        if (PublishRequest.Problem(builder.Configuration, builder.ExecutionContext) is { } problem)
        {
            Console.Error.WriteLine($"apphost: {problem}");
            Environment.Exit(PublishingException.ExitCode);
        }

        if (PublishRequest.IsCompose(builder.Configuration) && string.IsNullOrEmpty(builder.Configuration[PublishRequest.StepKey]))
        {
            // As Aspire itself does for --publisher manifest (publish-manifest): only this step and what it depends on
            // run, not the deploy pipeline, nor the parameter step that stores every value under ~/.aspire.
            builder.Configuration[PublishRequest.StepKey] = ComposePublishingStep.Name;
        }

        builder.Pipeline.AddStep(ComposePublishingStep.Create());
        RunOnceWorkers.KeepUpWhenDeployed(builder);
        FailedPublish.ExitsNonZero(builder);
        return builder;
    }
}
