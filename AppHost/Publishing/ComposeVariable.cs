namespace AppHost.Publishing;

/// <summary>A variable of <c>.env</c> that docker-compose.yaml interpolates (<c>${NAME}</c>): a parameter's value, or its URI form.</summary>
internal sealed record ComposeVariable(string Name, ParameterResource Parameter, bool UriEncoded)
{
    /// <summary><c>postgres-password</c> becomes <c>POSTGRES_PASSWORD</c>; its URI form <c>POSTGRES_PASSWORD_URI_ENCODED</c>.</summary>
    public static ComposeVariable For(ParameterResource parameter, bool uriEncoded)
    {
        var name = string.Concat(parameter.Name.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_'));
        return new(uriEncoded ? $"{name}_URI_ENCODED" : name, parameter, uriEncoded);
    }
}
