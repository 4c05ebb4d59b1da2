using System.Security.Cryptography;
using System.Text.Json;

namespace AppHost.Orchestration;

/// <summary>
/// Generated secrets, kept in <c>secrets.json</c> (mode 600) in the state folder so a persistent database
/// stays reachable with the password it was created with. Values never reach a log.
/// </summary>
internal sealed class SecretStore(string stateDirectory, string? sharedFile)
{
    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    // URL-unreserved punctuation only: the password goes into connection strings and URIs unescaped.
    private const string Special = "-_.~";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private string FilePath => Path.Combine(stateDirectory, "secrets.json");

    public void Resolve(IEnumerable<SecretParameter> parameters)
    {
        var pending = parameters.ToList();
        var stored = Load(FilePath);
        if (sharedFile is not null && pending.Any(p => !stored.ContainsKey(p.Name)))
        {
            // Runs in parallel processes share the file: read, fill and write it under an exclusive lock.
            using var exclusive = LockFile.Acquire(sharedFile + ".lock");
            var shared = Load(sharedFile);
            var grown = false;
            foreach (var parameter in pending.Where(p => !stored.ContainsKey(p.Name)))
            {
                if (!shared.TryGetValue(parameter.Name, out var value))
                {
                    shared[parameter.Name] = value = Generate(parameter);
                    grown = true;
                }

                stored[parameter.Name] = value;
            }

            if (grown)
            {
                Save(sharedFile, shared);
            }
        }

        var changed = false;
        foreach (var parameter in pending)
        {
            if (!stored.TryGetValue(parameter.Name, out var value))
            {
                stored[parameter.Name] = value = Generate(parameter);
                changed = true;
            }

            parameter.Value = value;
        }

        if (changed || !File.Exists(FilePath))
        {
            Save(FilePath, stored);
        }
    }

    private static string Generate(SecretParameter parameter)
    {
        // At least one special character when allowed, like Aspire's generated parameters.
        var value = RandomNumberGenerator.GetString(Letters, parameter.Length);
        return parameter.AllowSpecialCharacters ? value[..^1] + RandomNumberGenerator.GetString(Special, 1) : value;
    }

    private static Dictionary<string, string> Load(string file) =>
        File.Exists(file)
            ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file)) ?? []
            : [];

    private static void Save(string file, Dictionary<string, string> secrets)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temporary = $"{file}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temporary, "");
        File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(temporary, JsonSerializer.Serialize(secrets, Indented));
        File.Move(temporary, file, overwrite: true);
    }
}
