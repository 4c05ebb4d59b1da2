using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Tests.Publishing;

/// <summary>
/// A Compose file read by the real tools: <c>docker-compose config</c> (v1.29, needs no engine) validates and resolves
/// it, PyYAML (docker-compose's own parser) turns YAML into JSON to assert on.
/// </summary>
internal static class ComposeFile
{
    private const string YamlToJson = "import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))";

    public sealed record ConfigResult(int ExitCode, string Output, string Error);

    /// <summary><c>docker-compose config</c> run in the folder, as a user would before <c>up</c>.</summary>
    public static ConfigResult Config(string folder, params string[] extraArgs) =>
        Run("docker-compose", ["-f", Path.Combine(folder, "docker-compose.yaml"), "config", .. extraArgs], folder, stdin: null);

    /// <summary>The resolved configuration (variables from .env interpolated) as JSON.</summary>
    public static JsonObject Resolved(string folder)
    {
        var config = Config(folder);
        Assert.True(config.ExitCode == 0, $"docker-compose config failed: {config.Error}");
        return ToJson(config.Output);
    }

    public static JsonObject Parse(string path) => ToJson(File.ReadAllText(path));

    public static IReadOnlyList<string> EnvironmentNames(string path, string service) =>
        [.. Parse(path)["services"]![service]!["environment"]!.AsObject().Select(v => v.Key)];

    private static JsonObject ToJson(string yaml)
    {
        var result = Run("python3", ["-c", YamlToJson], Directory.GetCurrentDirectory(), yaml);
        Assert.True(result.ExitCode == 0, $"not valid YAML: {result.Error}");
        return JsonNode.Parse(result.Output)!.AsObject();
    }

    private static ConfigResult Run(string command, string[] args, string workingDirectory, string? stdin)
    {
        var info = new ProcessStartInfo(command, args)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(info)!;
        process.StandardInput.Write(stdin ?? "");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        process.WaitForExit();
        return new ConfigResult(process.ExitCode, output.Result, error.Result);
    }
}
