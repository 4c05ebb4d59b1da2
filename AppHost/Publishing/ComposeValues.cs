using System.Globalization;

namespace AppHost.Publishing;

/// <summary>
/// Aspire's values as docker-compose.yaml writes them: an endpoint is a service's name and container port
/// (<see cref="ComposeEndpoints"/>), a parameter is a <c>${VARIABLE}</c> that <c>.env</c> holds, a connection string
/// or any <see cref="ReferenceExpression"/> is its format with those substituted, and every other <c>$</c> is doubled
/// so that Compose leaves it to the container.
/// </summary>
internal sealed class ComposeValues(ComposeEndpoints endpoints)
{
    private const string UriFormat = "uri";

    private readonly List<ComposeVariable> variables = [];

    /// <summary>The <c>.env</c> variables the values resolved so far refer to, in the order first met.</summary>
    public IReadOnlyList<ComposeVariable> Variables => variables;

    /// <summary>Text Compose passes on as it is.</summary>
    public static string Literal(string text) => text.Replace("$", "$$", StringComparison.Ordinal);

    public async ValueTask<string> ResolveAsync(object? value, CancellationToken cancellationToken) => value switch
    {
        null => "",
        string text => Literal(text),
        // Before IResourceWithConnectionString: an existing server's connection string is a parameter.
        ParameterResource parameter => Variable(parameter, uriEncoded: false),
        ConnectionStringReference reference => await ResolveAsync(reference.ConnectionStringExpression, cancellationToken),
        IResourceWithConnectionString resource => await ResolveAsync(resource.ConnectionStringExpression, cancellationToken),
        EndpointReference endpoint => Literal(endpoints.Url(endpoint)),
        EndpointReferenceExpression property => Literal(endpoints.Property(property)),
        ReferenceExpression { IsConditional: true } conditional =>
            await ResolveAsync(await MatchesAsync(conditional, cancellationToken) ? conditional.WhenTrue : conditional.WhenFalse, cancellationToken),
        ReferenceExpression expression => await FormatAsync(expression, cancellationToken),
        IManifestExpressionProvider other => throw new PublishingException($"{other.ValueExpression} has no Compose equivalent."),
        _ => Literal(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    private async ValueTask<string> FormatAsync(ReferenceExpression expression, CancellationToken cancellationToken)
    {
        var arguments = new object[expression.ValueProviders.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            var provider = expression.ValueProviders[i];
            arguments[i] = i < expression.StringFormats.Count && expression.StringFormats[i] == UriFormat
                ? await UriFormAsync(provider, cancellationToken)
                : await ResolveAsync(provider, cancellationToken);
        }

        return string.Format(CultureInfo.InvariantCulture, Literal(expression.Format), arguments);
    }

    /// <summary>
    /// A value inside a URI (a password in <c>*_URI</c>). Compose cannot escape a variable, so a parameter gets a
    /// second variable holding its escaped value, unless its value is one <see cref="EnvFile"/> generates: letters and
    /// digits, already its own URI form.
    /// </summary>
    private async ValueTask<string> UriFormAsync(IValueProvider provider, CancellationToken cancellationToken)
    {
        if (provider is ParameterResource parameter)
        {
            return Variable(parameter, uriEncoded: !EnvFile.Generates(parameter));
        }

        return Literal(Uri.EscapeDataString(await LiteralValueAsync(provider, "URI-encoded", cancellationToken)));
    }

    private async ValueTask<bool> MatchesAsync(ReferenceExpression conditional, CancellationToken cancellationToken) =>
        string.Equals(await LiteralValueAsync(conditional.Condition, "decided", cancellationToken), conditional.MatchValue, StringComparison.OrdinalIgnoreCase);

    /// <summary>The value itself, for what must be known when publishing: it may not depend on a parameter.</summary>
    private async ValueTask<string> LiteralValueAsync(object? value, string purpose, CancellationToken cancellationToken)
    {
        var resolved = await ResolveAsync(value, cancellationToken);
        return resolved.Contains("${", StringComparison.Ordinal)
            ? throw new PublishingException($"{(value as IManifestExpressionProvider)?.ValueExpression ?? resolved} depends on a parameter, so it cannot be {purpose} when publishing.")
            : resolved.Replace("$$", "$", StringComparison.Ordinal);
    }

    private string Variable(ParameterResource parameter, bool uriEncoded)
    {
        var variable = ComposeVariable.For(parameter, uriEncoded);
        if (variables.Find(v => v.Name == variable.Name) is { } known)
        {
            return ReferenceEquals(known.Parameter, parameter)
                ? $"${{{variable.Name}}}"
                : throw new PublishingException($"parameters '{known.Parameter.Name}' and '{parameter.Name}' would share the variable {variable.Name}: rename one.");
        }

        variables.Add(variable);
        return $"${{{variable.Name}}}";
    }
}
