using System.Text.Json.Nodes;
using NJsonSchema;

namespace Tests.Publishing;

/// <summary>The Aspire 8.0 manifest schema, vendored from ../shared/specs (Schemas/), loaded for NJsonSchema.</summary>
internal static class AspireManifestSchema
{
    public static async Task<JsonSchema> LoadAsync(CancellationToken cancellationToken)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Publishing", "Schemas", "aspire-manifest-8.0.schema.json");
        var schema = JsonNode.Parse(await File.ReadAllTextAsync(path, cancellationToken))!;
        Normalize(schema);
        return await JsonSchema.FromJsonAsync(schema.ToJsonString(), cancellationToken);
    }

    /// <summary>
    /// Rewrites two draft-07 forms NJsonSchema 11 does not handle into their exact equivalents: a property whose schema
    /// is a boolean (container.v0's <c>"build": false</c>, "never present"; it fails to load) becomes <c>{"not": {}}</c>
    /// or <c>{}</c>, and <c>const</c> (ignored by its validator, so container.v0 would also match container.v1 and fail
    /// oneOf) becomes a one-value <c>enum</c>.
    /// </summary>
    private static void Normalize(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["const"] is { } constant)
                {
                    o.Remove("const");
                    o["enum"] = new JsonArray(constant.DeepClone());
                }

                if (o["properties"] is JsonObject properties)
                {
                    foreach (var name in properties.Select(p => p.Key).ToList())
                    {
                        if (properties[name] is JsonValue value && value.TryGetValue<bool>(out var allowed))
                        {
                            properties[name] = allowed ? new JsonObject() : new JsonObject { ["not"] = new JsonObject() };
                        }
                    }
                }

                foreach (var child in o.Select(p => p.Value).ToList())
                {
                    Normalize(child);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Normalize(child);
                }

                break;
        }
    }
}
