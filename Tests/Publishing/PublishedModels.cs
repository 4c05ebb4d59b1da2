using System.Text.Json.Nodes;

namespace Tests.Publishing;

/// <summary>
/// The AppHost's own model published in this process, through Aspire's publishing pipeline as the command line runs it
/// (<c>--publisher ... --output-path ...</c>), into a throw-away folder; a test may adjust the model first.
/// </summary>
internal sealed class PublishedModels : IAsyncDisposable
{
    private PublishedModels(string folder) => Folder = folder;

    public string Folder { get; }

    public string ManifestPath => Path.Combine(Folder, "aspire-manifest.json");

    public static PublishedModels CreateFolder() =>
        new(Directory.CreateTempSubdirectory("publish-test-").FullName);

    /// <summary>The AppHost's Program with <paramref name="args"/>, optionally adjusted, published by <paramref name="publisher"/>.</summary>
    public async Task PublishAsync(string publisher, string[]? args = null, Action<IDistributedApplicationTestingBuilder>? adjust = null)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var output = publisher == "manifest" ? ManifestPath : Folder;
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            ["--publisher", publisher, "--output-path", output, .. args ?? []], cancellationToken);
        adjust?.Invoke(builder);
        await using var app = await builder.BuildAsync(cancellationToken);
        // Publish mode: the pipeline runs its step, then stops the app.
        await app.RunAsync(cancellationToken).WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
    }

    public JsonObject Manifest() => JsonNode.Parse(File.ReadAllText(ManifestPath))!.AsObject();

    public JsonObject Resources() => Manifest()["resources"]!.AsObject();

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
