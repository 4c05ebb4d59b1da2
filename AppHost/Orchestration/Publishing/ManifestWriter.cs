using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AppHost.Orchestration;

/// <summary>Writes the Aspire deployment manifest (schema aspire-8.0) that <c>azd up</c> reads.</summary>
internal static class ManifestWriter
{
    public const string SchemaUrl = "https://json.schemastore.org/aspire-8.0.json";

    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        // Connection strings stay readable ("Host=...;Password=..."), as Aspire writes them.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(PublishedModel model, string manifestPath)
    {
        var shapes = new ManifestResources(model, Path.GetDirectoryName(manifestPath)!);
        var resources = new JsonObject();
        foreach (var (name, shape) in model.Resources.SelectMany(shapes.Describe))
        {
            resources[name] = shape;
        }

        var manifest = new JsonObject { ["$schema"] = SchemaUrl, ["resources"] = resources };
        AtomicFile.Write(manifestPath, manifest.ToJsonString(Indented) + "\n");
    }
}
