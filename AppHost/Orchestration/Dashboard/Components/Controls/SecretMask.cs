using System.Text.RegularExpressions;

namespace AppHost.Orchestration.Dashboard.Components.Controls;

/// <summary>Hides secrets in what the resources page shows until the user asks to see them.</summary>
public static partial class SecretMask
{
    public const string Mask = "••••••••";

    /// <summary>Variables whose whole value is a secret (passwords, keys, tokens) or holds one (connection strings).</summary>
    public static bool IsSecret(string name) => SecretName().IsMatch(name);

    /// <summary>Masks the password (and similar) parts of a connection string or URL, leaving the rest readable.</summary>
    public static string MaskValue(string name, string value)
    {
        var masked = PasswordPart().Replace(value, m => m.Groups[1].Value + Mask);
        masked = UrlCredentials().Replace(masked, m => m.Groups[1].Value + Mask + "@");
        return masked != value || !IsSecret(name) ? masked : Mask;
    }

    [GeneratedRegex("PASSWORD|SECRET|TOKEN|KEY|CONNECTIONSTRING|HEADERS", RegexOptions.IgnoreCase)]
    private static partial Regex SecretName();

    [GeneratedRegex("((?:password|pwd)\\s*=)[^;]*", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordPart();

    [GeneratedRegex("(://[^:/@]+:)[^@]+@")]
    private static partial Regex UrlCredentials();
}
