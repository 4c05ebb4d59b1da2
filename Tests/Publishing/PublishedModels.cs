using System.Text.Json.Nodes;

namespace Tests.Publishing;

/// <summary>Publishes the AppHost's own model (run up to <c>Build()</c>, as the harness does) into a throw-away folder.</summary>
internal sealed class PublishedModels : IAsyncDisposable
{
    private PublishedModels(string folder) => Folder = folder;

    public string Folder { get; }

    public string ManifestPath => Path.Combine(Folder, "aspire-manifest.json");

    public static PublishedModels CreateFolder() =>
        new(Directory.CreateTempSubdirectory("publish-test-").FullName);

    /// <summary>The AppHost's Program with <paramref name="args"/>, optionally adjusted, published by <paramref name="kind"/>.</summary>
    public async Task PublishAsync(PublisherKind kind, string[]? args = null, Action<DistributedApplicationBuilder>? adjust = null)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(args, cancellationToken: TestContext.Current.CancellationToken);
        try
        {
            adjust?.Invoke(builder);
            var model = new PublishedModel(builder.Resources, builder.AppHostDirectory);
            if (kind == PublisherKind.Manifest)
            {
                ManifestWriter.Write(model, ManifestPath);
            }
            else
            {
                ComposeWriter.Write(model, Folder);
            }
        }
        finally
        {
            // Releases the AppHost's entry point, parked in Build() by the harness; nothing was started.
            await builder.Build().DisposeAsync();
        }
    }

    public JsonObject Manifest() => JsonNode.Parse(File.ReadAllText(ManifestPath))!.AsObject();

    public JsonObject Resources() => Manifest()["resources"]!.AsObject();

    public ValueTask DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return ValueTask.CompletedTask;
    }
}
