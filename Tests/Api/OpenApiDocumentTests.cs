using System.Text.Json.Nodes;
using Tests.Infrastructure;

namespace Tests.Api;

/// <summary>
/// The committed contract, Api/openapi.json: written by the Api's build, it must be exactly what the running API serves,
/// and say what issue 21's linting asks of every operation (Redocly's recommended rules, checked here without Node).
/// </summary>
public sealed class OpenApiDocumentTests(SharedApp shared)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    private static JsonNode Committed() => JsonNode.Parse(File.ReadAllText(Repository.PathOf("Api/openapi.json")))!;

    [Fact]
    public async Task TheCommittedDocumentIsWhatTheRunningApiServes()
    {
        var served = JsonNode.Parse(await new ApiClient(shared).Http.GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken))!;

        var committed = Committed();

        Assert.True(JsonNode.DeepEquals(committed, served),
            "Api/openapi.json differs from what the API serves at /openapi/v1.json. Build the Api project (its build writes the file), "
            + "regenerate the client (ApiClient/generate.sh) and commit both. First difference: " + FirstDifference(committed, served, "#"));
    }

    [Fact]
    public void EveryOperationHasAnIdASummaryItsSecurityAndItsProblemAnswers()
    {
        var document = Committed();
        var operations = document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Where(o => Methods.Contains(o.Key)).Select(o => (Name: $"{o.Key.ToUpperInvariant()} {path.Key}", Operation: o.Value!)))
            .ToList();

        Assert.NotEmpty(operations);
        Assert.All(operations, o =>
        {
            Assert.Matches("^[a-z][A-Za-z]+$", (string?)o.Operation["operationId"] ?? $"{o.Name} has no operationId");
            Assert.False(string.IsNullOrWhiteSpace((string?)o.Operation["summary"]), $"{o.Name} has no summary");
            Assert.True(o.Operation["security"] is JsonArray { Count: > 0 }, $"{o.Name} declares no security (public ones declare [{{}}])");
            Assert.True(o.Operation["responses"]!.AsObject().Any(r => r.Key.StartsWith('4') && r.Value!["content"]?["application/problem+json"] is not null),
                $"{o.Name} lists no 4XX problem answer");
        });
        Assert.Equal(operations.Count, operations.Select(o => (string?)o.Operation["operationId"]).Distinct().Count());
        var used = operations.SelectMany(o => o.Operation["tags"]!.AsArray().Select(t => (string)t!)).ToHashSet();
        var described = document["tags"]!.AsArray().Where(t => !string.IsNullOrWhiteSpace((string?)t!["description"])).Select(t => (string)t!["name"]!).ToHashSet();
        Assert.Subset(described, used);
        Assert.Equal("MIT", (string?)document["info"]!["license"]?["identifier"]);
        Assert.All(document["servers"]!.AsArray(), server => Assert.Matches("^(/|https?://[^/]+(/.*[^/])?)$", (string)server!["url"]!));
    }

    private static string FirstDifference(JsonNode? expected, JsonNode? actual, string path)
    {
        if (expected is JsonObject expectedObject && actual is JsonObject actualObject)
        {
            foreach (var key in expectedObject.Select(p => p.Key).Union(actualObject.Select(p => p.Key)))
            {
                if (!JsonNode.DeepEquals(expectedObject[key], actualObject[key]))
                {
                    return FirstDifference(expectedObject[key], actualObject[key], $"{path}/{key}");
                }
            }
        }
        else if (expected is JsonArray expectedArray && actual is JsonArray actualArray && expectedArray.Count == actualArray.Count)
        {
            for (var i = 0; i < expectedArray.Count; i++)
            {
                if (!JsonNode.DeepEquals(expectedArray[i], actualArray[i]))
                {
                    return FirstDifference(expectedArray[i], actualArray[i], $"{path}/{i}");
                }
            }
        }

        return $"{path}: committed {expected?.ToJsonString() ?? "nothing"}, served {actual?.ToJsonString() ?? "nothing"}";
    }
}
