using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Tests.Publishing;

/// <summary>
/// The <c>{resource.property}</c> expressions of a manifest and whether each names something azd can resolve: a
/// resource of the manifest and a property that resource has.
/// </summary>
internal static partial class ManifestReferences
{
    private static readonly string[] BindingProperties = ["host", "port", "targetPort", "url", "scheme"];

    public static IReadOnlyList<string> All(JsonObject resources) =>
        [.. Strings(resources).SelectMany(s => Expression().Matches(s).Select(m => m.Groups[1].Value)).Distinct()];

    /// <summary>Null when the expression resolves, otherwise why it does not.</summary>
    public static string? Problem(JsonObject resources, string expression)
    {
        var parts = expression.Split('.');
        if (resources[parts[0]] is not JsonObject resource)
        {
            return $"{{{expression}}}: no resource '{parts[0]}'";
        }

        var path = string.Join('.', parts[1..]);
        var resolves = parts[1..] switch
        {
            ["connectionString"] => resource["connectionString"] is not null,
            ["value"] => resource["value"] is not null,
            ["inputs", var input] => resource["inputs"]?[input] is not null,
            ["bindings", var binding, var property] => resource["bindings"]?[binding] is not null && BindingProperties.Contains(property),
            _ => false,
        };
        return resolves ? null : $"{{{expression}}}: '{parts[0]}' has no {path}";
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        _ => [],
    };

    [GeneratedRegex(@"\{([A-Za-z0-9\-_.]+)\}")]
    private static partial Regex Expression();
}
