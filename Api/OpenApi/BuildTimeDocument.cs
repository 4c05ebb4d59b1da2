using System.Reflection;

namespace Api.OpenApi;

/// <summary>
/// Whether this run is Microsoft.Extensions.ApiDescription.Server's, at build time: it runs Program until the host is
/// built, only to read the OpenAPI document, with no database or cache to connect to.
/// </summary>
internal static class BuildTimeDocument
{
    public static bool IsBeingGenerated => Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";
}
