using DotNetEnv;

namespace MigrationService.Targets;

/// <summary>
/// Variables from <c>.env.{env}.local</c>, <c>.env.local</c> and <c>.env</c>, read in that order: the first file to
/// set a variable wins, and a variable of the process environment beats every file.
/// </summary>
internal sealed class EnvironmentFiles
{
    private readonly Dictionary<string, (string Value, string File)> fromFiles = new(StringComparer.Ordinal);

    private EnvironmentFiles()
    {
    }

    public static EnvironmentFiles Load(string directory, DeploymentEnvironment environment)
    {
        var files = new EnvironmentFiles();
        foreach (var name in new[] { $".env.{environment.Name()}.local", ".env.local", ".env" })
        {
            var path = Path.Combine(directory, name);
            if (!File.Exists(path))
            {
                continue;
            }

            IEnumerable<KeyValuePair<string, string>> pairs;
            try
            {
                pairs = Env.NoEnvVars().Load(path).ToList();
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                throw new CommandFailure($"{path} could not be read ({FailureReport.Describe(exception)}): fix the line it names.", CommandFailure.Usage);
            }

            foreach (var (key, value) in pairs)
            {
                files.fromFiles.TryAdd(key, (value, name));
            }
        }

        return files;
    }

    /// <summary>The variable's value and where it came from (the process environment or a file name).</summary>
    public (string Value, string Source)? Get(string name)
    {
        if (Environment.GetEnvironmentVariable(name) is { Length: > 0 } fromProcess)
        {
            return (fromProcess, "the environment");
        }

        return fromFiles.TryGetValue(name, out var fromFile) && fromFile.Value.Length > 0 ? (fromFile.Value, fromFile.File) : null;
    }
}
