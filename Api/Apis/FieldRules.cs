using System.Net.Mail;
using Api.Auth;
using Api.Problems;

namespace Api.Apis;

// The rules request fields follow, shared by every endpoint that takes them.
internal static class FieldRules
{
    public const int MaxNameLength = 100;
    public const int MaxEmailLength = 254;
    public const int MinPasswordLength = 8;
    public const int MaxPasswordLength = 128;
    public const int MaxUrlLength = 2048;

    /// <summary>Trimmed; 1 to 100 characters without control characters.</summary>
    public static string? Name(ValidationErrors errors, string field, string value)
    {
        var trimmed = value.Trim();
        if (trimmed.Length is 0 or > MaxNameLength || trimmed.Any(char.IsControl))
        {
            errors.Add(field, $"Give 1 to {MaxNameLength} characters, without control characters.");
            return null;
        }

        return trimmed;
    }

    /// <summary>Trimmed and lowercased, so one mailbox is one account whatever its spelling.</summary>
    public static string? Email(ValidationErrors errors, string field, string value)
    {
        var normalized = value.Trim().ToLowerInvariant();
        if (normalized.Length > MaxEmailLength
            || !MailAddress.TryCreate(normalized, out var address)
            || address.Address != normalized
            || !address.Host.Contains('.', StringComparison.Ordinal))
        {
            errors.Add(field, $"Give an email address such as name@example.com, at most {MaxEmailLength} characters.");
            return null;
        }

        return normalized;
    }

    public static void Password(ValidationErrors errors, string field, string value)
    {
        if (value.Length is < MinPasswordLength or > MaxPasswordLength)
        {
            errors.Add(field, $"Give {MinPasswordLength} to {MaxPasswordLength} characters.");
        }
    }

    /// <summary>An absolute http or https URL; the empty string clears the field.</summary>
    public static string? OptionalUrl(ValidationErrors errors, string field, string value)
    {
        if (value.Length == 0)
        {
            return value;
        }

        if (value.Length > MaxUrlLength
            || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add(field, $"Give an absolute http or https URL of at most {MaxUrlLength} characters, or \"\" to clear it.");
            return null;
        }

        return value;
    }

    public static void Slug(ValidationErrors errors, string field, string value)
    {
        if (!OrganizationSlug.IsValid(value))
        {
            errors.Add(field, OrganizationSlug.Rule);
        }
    }

    public static void Role(ValidationErrors errors, string field, string value)
    {
        if (!OrganizationRoles.All.Contains(value, StringComparer.Ordinal))
        {
            errors.Add(field, $"Give one of: {string.Join(", ", OrganizationRoles.All)}.");
        }
    }
}
