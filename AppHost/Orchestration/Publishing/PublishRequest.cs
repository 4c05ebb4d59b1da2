namespace AppHost.Orchestration;

internal enum PublisherKind
{
    /// <summary>The Aspire deployment manifest <c>azd</c> reads.</summary>
    Manifest,

    /// <summary>A docker-compose.yaml and its .env for one host.</summary>
    Compose,
}

/// <summary>
/// <c>--publisher manifest|compose --output-path &lt;path&gt;</c>, as azd passes them
/// (<c>dotnet run --project AppHost -- --publisher manifest --output-path ../aspire-manifest.json</c>).
/// The path is relative to the current directory. Without <c>--publisher</c> the AppHost runs the model.
/// </summary>
internal sealed record PublishRequest(PublisherKind Publisher, string OutputPath)
{
    private const string PublisherOption = "--publisher";
    private const string OutputPathOption = "--output-path";

    /// <summary>Null when the arguments ask for a normal run; throws <see cref="PublishingException"/> on a wrong publish request.</summary>
    public static PublishRequest? Parse(IReadOnlyList<string> args, string currentDirectory)
    {
        var publisher = ValueOf(args, PublisherOption);
        var outputPath = ValueOf(args, OutputPathOption);
        if (publisher is null)
        {
            return outputPath is null
                ? null
                : throw new PublishingException($"{OutputPathOption} needs {PublisherOption} manifest or {PublisherOption} compose.");
        }

        var kind = publisher.ToLowerInvariant() switch
        {
            "manifest" => PublisherKind.Manifest,
            "compose" => PublisherKind.Compose,
            _ => throw new PublishingException($"unknown publisher '{publisher}': use {PublisherOption} manifest (for azd) or {PublisherOption} compose."),
        };
        if (string.IsNullOrWhiteSpace(outputPath))
        {
            var example = kind == PublisherKind.Manifest ? "../aspire-manifest.json" : "../deploy";
            throw new PublishingException($"{PublisherOption} {publisher} needs {OutputPathOption} <{(kind == PublisherKind.Manifest ? "file" : "folder")}>, e.g. {OutputPathOption} {example}.");
        }

        return new PublishRequest(kind, Path.GetFullPath(outputPath, currentDirectory));
    }

    /// <summary>The value of <c>--name value</c> or <c>--name=value</c>; empty when the option is last or followed by another option.</summary>
    private static string? ValueOf(IReadOnlyList<string> args, string option)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i].StartsWith(option + "=", StringComparison.Ordinal))
            {
                return args[i][(option.Length + 1)..];
            }

            if (args[i] == option)
            {
                return i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[i + 1] : "";
            }
        }

        return null;
    }
}
