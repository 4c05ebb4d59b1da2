using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
namespace MigrationService.Studio;

/// <summary>The page and its script and style, embedded in the assembly (Studio/wwwroot).</summary>
internal static class StaticPage
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["studio.js"] = "text/javascript; charset=utf-8",
        ["studio.css"] = "text/css; charset=utf-8",
    };

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/", () => File("index.html"));
        routes.MapGet("/studio.js", () => File("studio.js"));
        routes.MapGet("/studio.css", () => File("studio.css"));
    }

    private static IResult File(string name)
    {
        var stream = typeof(StaticPage).Assembly.GetManifestResourceStream($"studio/{name}");
        return stream is null ? Results.NotFound() : Results.Stream(stream, ContentTypes[name]);
    }
}
