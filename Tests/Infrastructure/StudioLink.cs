namespace Tests.Infrastructure;

/// <summary>The AppHost's studio resource: its generated token, and its login link once it is healthy (it listens).</summary>
internal static class StudioLink
{
    public static string Token(DistributedApplication app) => Studio(app).DataBrowser!.Token.Value;

    public static async Task<Uri> WaitForLoginUrlAsync(DistributedApplication app, CancellationToken cancellationToken)
    {
        await app.ResourceNotifications.WaitForResourceHealthyAsync("studio", cancellationToken);
        return new Uri(Studio(app).DataBrowser!.LoginUrl(app.GetEndpoint("studio").ToString()));
    }

    private static ProjectResource Studio(DistributedApplication app) => app.Resources.OfType<ProjectResource>().Single(r => r.Name == "studio");
}
