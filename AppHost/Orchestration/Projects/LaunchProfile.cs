using System.Text.Json;

namespace AppHost.Orchestration;

/// <summary>
/// The launch profile Aspire would use for a project: the first in Properties/launchSettings.json whose
/// commandName is "Project". Its HTTP URL gives the project a stable port; its variables are passed on.
/// </summary>
internal sealed record LaunchProfile(string Name, int? HttpPort, IReadOnlyDictionary<string, string> EnvironmentVariables)
{
    public static LaunchProfile? Read(string projectPath)
    {
        var file = Path.Combine(Path.GetDirectoryName(projectPath)!, "Properties", "launchSettings.json");
        if (!File.Exists(file))
        {
            return null;
        }

        using var document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions
        {
            CommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        });
        if (!document.RootElement.TryGetProperty("profiles", out var profiles))
        {
            return null;
        }

        foreach (var profile in profiles.EnumerateObject())
        {
            if (profile.Value.TryGetProperty("commandName", out var command) && command.GetString() == "Project")
            {
                return new LaunchProfile(profile.Name, HttpPortOf(profile.Value), VariablesOf(profile.Value));
            }
        }

        return null;
    }

    private static int? HttpPortOf(JsonElement profile)
    {
        if (!profile.TryGetProperty("applicationUrl", out var urls) || urls.GetString() is not { } value)
        {
            return null;
        }

        foreach (var url in value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp)
            {
                return uri.Port;
            }
        }

        return null;
    }

    private static Dictionary<string, string> VariablesOf(JsonElement profile)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        if (profile.TryGetProperty("environmentVariables", out var environment))
        {
            foreach (var variable in environment.EnumerateObject())
            {
                variables[variable.Name] = variable.Value.GetString() ?? "";
            }
        }

        return variables;
    }
}
