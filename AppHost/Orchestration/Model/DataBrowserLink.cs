namespace AppHost.Orchestration;

/// <summary>
/// A project that browses a database's data (the database commands' studio): the dashboard links the database
/// to it while it runs. The token, a generated secret given in <see cref="TokenVariable"/>, goes in the link's
/// <see cref="TokenQuery"/> parameter, so one click logs the browser in.
/// </summary>
public sealed record DataBrowserLink(IResource Database, SecretParameter Token, string TokenVariable, string TokenQuery)
{
    /// <summary>The login link of a running data browser served at <paramref name="url"/>.</summary>
    public string LoginUrl(string url) =>
        $"{url.TrimEnd('/')}/?{Uri.EscapeDataString(TokenQuery)}={Uri.EscapeDataString(Token.Value)}";
}
