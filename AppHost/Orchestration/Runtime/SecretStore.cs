using System.Security.Cryptography;
using System.Text.Json;

namespace AppHost.Orchestration;

/// <summary>
/// Generated secrets, kept in <c>secrets.json</c> (mode 600) in the state folder so a persistent database
/// stays reachable with the password it was created with. Values never reach a log.
/// </summary>
internal sealed class SecretStore(string stateDirectory)
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    // URL-unreserved punctuation only: the password goes into connection strings and URIs unescaped.
    private const string Special = "-_.~";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private string FilePath => Path.Combine(stateDirectory, "secrets.json");

    public void Resolve(IEnumerable<SecretParameter> parameters)
    {
        var stored = Load();
        var changed = false;
        foreach (var parameter in parameters)
        {
            if (!stored.TryGetValue(parameter.Name, out var value))
            {
                stored[parameter.Name] = value = Generate(parameter.AllowSpecialCharacters);
                changed = true;
            }

            parameter.Value = value;
        }

        if (changed)
        {
            Save(stored);
        }
    }

    private static string Generate(bool special)
    {
        // At least one special character when allowed, like Aspire's generated parameters.
        var value = RandomNumberGenerator.GetString(Letters, 22);
        return special ? value[..21] + RandomNumberGenerator.GetString(Special, 1) : value;
    }

    private Dictionary<string, string> Load() =>
        File.Exists(FilePath)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(FilePath)) ?? []
            : [];

    private void Save(Dictionary<string, string> secrets)
    {
        Directory.CreateDirectory(stateDirectory);
        var temporary = FilePath + ".tmp";
        File.WriteAllText(temporary, "");
        File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(temporary, JsonSerializer.Serialize(secrets, Indented));
        File.Move(temporary, FilePath, overwrite: true);
    }
}
