namespace MigrationService.Studio;

/// <summary>
/// Where the studio listens and which token guards it. Alone: <c>--port</c> or a free port, and a random token it
/// prints. Under a launcher (the AppHost's data browser): the port of <c>ASPNETCORE_URLS</c>, which the launcher
/// links to, and the token it gives in <c>STUDIO_TOKEN</c>, which is then never printed.
/// </summary>
internal sealed record StudioLaunch(int Port, string? GivenToken)
{
    public const string TokenVariable = "STUDIO_TOKEN";

    public const int MinimumTokenLength = 32;

    public static StudioLaunch Resolve(int requestedPort)
    {
        var token = Environment.GetEnvironmentVariable(TokenVariable);
        if (token is not null && token.Trim().Length < MinimumTokenLength)
        {
            throw new CommandFailure(
                $"{TokenVariable} must be at least {MinimumTokenLength} characters (it guards the studio): set a longer random value, or unset it for a generated one.",
                CommandFailure.Usage);
        }

        return new StudioLaunch(requestedPort != 0 ? requestedPort : PortOf(Environment.GetEnvironmentVariable("ASPNETCORE_URLS")), token?.Trim());
    }

    /// <summary>The port of the first URL in <c>ASPNETCORE_URLS</c> (<c>http://localhost:5123;...</c>), 0 (a free one) without one.</summary>
    private static int PortOf(string? urls) =>
        urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() is { } first
        && Uri.TryCreate(first.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var url)
            ? url.Port
            : 0;
}
