namespace AppHost.Publishing;

/// <summary>
/// What <c>--publisher</c> and <c>--output-path</c> ask for (Aspire maps them to <c>Publishing:Publisher</c> and
/// <c>Pipeline:OutputPath</c>), checked before anything runs. Paths are relative to the current directory, as Aspire
/// resolves them.
/// </summary>
internal static class PublishRequest
{
    public const string Manifest = "manifest";
    public const string Compose = "compose";
    public const string StepKey = "Pipeline:Step";

    private const string PublisherKey = "Publishing:Publisher";
    private const string OutputPathKey = "Pipeline:OutputPath";

    /// <summary>Aspire's manifest step writes here when the path is a folder (a path not ending with .json).</summary>
    private const string ManifestFileName = "aspire-manifest.json";

    public static bool IsCompose(IConfiguration configuration) =>
        string.Equals(configuration[PublisherKey], Compose, StringComparison.OrdinalIgnoreCase);

    /// <summary>Why the request cannot be done as asked, in one line; null when it can (or when nothing is asked).</summary>
    public static string? Problem(IConfiguration configuration, DistributedApplicationExecutionContext executionContext)
    {
        var publisher = configuration[PublisherKey];
        var outputPath = configuration[OutputPathKey];
        if (publisher is null)
        {
            // `aspire publish` gives --output-path with --operation publish; a run ignores it without a word.
            return outputPath is not null && executionContext.IsRunMode
                ? $"--output-path needs --publisher {Manifest} or --publisher {Compose}."
                : null;
        }

        var isManifest = string.Equals(publisher, Manifest, StringComparison.OrdinalIgnoreCase);
        if (!isManifest && !IsCompose(configuration))
        {
            return $"unknown publisher '{publisher}': use --publisher {Manifest} (Aspire's deployment manifest, what azd runs) "
                + $"or --publisher {Compose} (docker-compose.yaml and .env).";
        }

        if (string.IsNullOrWhiteSpace(outputPath))
        {
            return isManifest
                ? $"--publisher {Manifest} needs --output-path <file>, e.g. --output-path {ManifestFileName}."
                : $"--publisher {Compose} needs --output-path <folder>, e.g. --output-path deploy.";
        }

        var target = Path.GetFullPath(outputPath);
        if (isManifest)
        {
            target = target.EndsWith(".json", StringComparison.Ordinal) ? target : Path.Combine(target, ManifestFileName);
            if (Directory.Exists(target))
            {
                return $"{outputPath} is a folder: give the manifest's file path, e.g. {Path.Combine(outputPath, ManifestFileName)}.";
            }
        }
        else if (File.Exists(target))
        {
            return $"{outputPath} is a file: --publisher {Compose} writes a folder (docker-compose.yaml and .env).";
        }

        return FileInTheWay(target) is { } file ? $"cannot write {target}: {file} is a file, not a folder." : null;
    }

    /// <summary>The first existing ancestor of <paramref name="path"/>, when it is a file rather than a folder.</summary>
    private static string? FileInTheWay(string path)
    {
        for (var folder = Path.GetDirectoryName(path); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (Directory.Exists(folder))
            {
                return null;
            }

            if (File.Exists(folder))
            {
                return folder;
            }
        }

        return null;
    }
}
