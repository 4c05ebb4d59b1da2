using System.Text.RegularExpressions;

namespace Api.Apis;

// Lowercase letters and digits in groups joined by single hyphens: "acme-demo", not "-acme" or "a--b".
internal static partial class OrganizationSlug
{
    public const int MaxLength = 48;

    public const string Rule =
        "A slug is 1 to 48 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.";

    public static bool IsValid(string slug) => slug.Length <= MaxLength && Pattern().IsMatch(slug);

    // \z rather than $: $ also matches before a trailing newline, which a %0A in the URL produces.
    [GeneratedRegex(@"^[a-z0-9](-?[a-z0-9])*\z")]
    private static partial Regex Pattern();
}
