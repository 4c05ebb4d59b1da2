using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AppHost.Publishing;

/// <summary>
/// The <c>.env</c> beside docker-compose.yaml (mode 600): the value of every parameter the services use. A generated
/// secret keeps the value already there, because the database volume was initialised with it: publishing again never
/// changes a password. Other parameters take their value from the AppHost's configuration, as in the manifest azd asks.
/// </summary>
internal static class EnvFile
{
    public const string FileName = ".env";

    // Letters and digits only: the values go into connection strings and URIs unescaped (their URI form is themselves).
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private const int SecretLength = 32;

    /// <summary>Whether the value Compose gets for <paramref name="parameter"/> is one this file generates.</summary>
    public static bool Generates(ParameterResource parameter) => parameter.Default is GenerateParameterDefault;

    public static async Task<string> ContentAsync(string folder, IEnumerable<ComposeVariable> variables, CancellationToken cancellationToken)
    {
        var existing = Read(Path.Combine(folder, FileName));
        var text = new StringBuilder("# Values for docker-compose.yaml, written by the AppHost's compose publisher. Never commit this file.\n");
        foreach (var variable in variables)
        {
            var (value, origin) = await ValueAsync(variable, existing, cancellationToken);
            if (value.Contains('\'', StringComparison.Ordinal) || value.Contains('\n', StringComparison.Ordinal))
            {
                throw new PublishingException($"the value of parameter '{variable.Parameter.Name}' contains a quote or a line break, which {FileName} cannot hold.");
            }

            // Single quotes: Compose takes the value literally, with no ${...} interpolation inside.
            text.Append(CultureInfo.InvariantCulture, $"# {variable.Parameter.Name}{(variable.UriEncoded ? ", URI-encoded" : "")}: {origin}\n")
                .Append(CultureInfo.InvariantCulture, $"{variable.Name}='{value}'\n");
        }

        return text.ToString();
    }

    private static async Task<(string Value, string Origin)> ValueAsync(
        ComposeVariable variable, Dictionary<string, string> existing, CancellationToken cancellationToken)
    {
        if (existing.TryGetValue(variable.Name, out var kept) && Generates(variable.Parameter))
        {
            return (kept, "generated, kept when publishing again");
        }

        if (variable.Parameter.Default is GenerateParameterDefault generate)
        {
            return (RandomNumberGenerator.GetString(Alphabet, Math.Max(SecretLength, generate.MinLength)), "generated, kept when publishing again");
        }

        string value;
        try
        {
            value = await variable.Parameter.GetValueAsync(cancellationToken) ?? "";
        }
        catch (MissingParameterValueException)
        {
            return (existing.GetValueOrDefault(variable.Name, ""), "not in the AppHost's configuration: set it here");
        }

        return (variable.UriEncoded ? Uri.EscapeDataString(value) : value, "from the AppHost's configuration");
    }

    private static Dictionary<string, string> Read(string path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path))
        {
            return values;
        }

        foreach (var line in File.ReadAllLines(path))
        {
            var separator = line.IndexOf('=', StringComparison.Ordinal);
            if (separator > 0 && !line.StartsWith('#'))
            {
                values[line[..separator].Trim()] = line[(separator + 1)..].Trim('\'');
            }
        }

        return values;
    }
}
