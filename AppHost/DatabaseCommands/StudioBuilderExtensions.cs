namespace AppHost.DatabaseCommands;

/// <summary>The database commands' studio (<c>MigrationService studio</c>) as a resource of the app.</summary>
public static class StudioBuilderExtensions
{
    /// <summary>The studio's variable for the token it accepts, instead of making up one of its own.</summary>
    private const string TokenVariable = "STUDIO_TOKEN";

    /// <summary>
    /// Protects the studio with a generated, persisted secret parameter <c>{name}-token</c>, given to it in
    /// <c>STUDIO_TOKEN</c> (never on its command line, never printed), and makes the resource's URL its login link:
    /// one click in the dashboard signs in, and the link's text shows no token.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithStudioLogin(this IResourceBuilder<ProjectResource> studio)
    {
        var token = ParameterResourceBuilderExtensions.CreateGeneratedParameter(
            studio.ApplicationBuilder, $"{studio.Resource.Name}-token", secret: true,
            new GenerateParameterDefault { MinLength = 40, Special = false });

        return studio
            .WithEnvironment(TokenVariable, token)
            .WithUrls(async context =>
            {
                var value = Uri.EscapeDataString((await token.GetValueAsync(context.CancellationToken))!);
                foreach (var url in context.Urls.Where(u => u.Endpoint is not null))
                {
                    url.Url = $"{url.Url.TrimEnd('/')}/?t={value}";
                    url.DisplayText = "Open the studio";
                }
            });
    }
}
