using System.Net;
using System.Text.Json;
using Tests.Infrastructure;

namespace Tests.Api;

public sealed class ApiReferenceTests(SharedApp shared)
{
    private readonly ApiClient api = new(shared);

    [Fact]
    public async Task TheOpenApiDocumentDescribesEveryEndpointAndTheBearerScheme()
    {
        using var response = await api.GetAsync("/openapi/v1.json");

        var document = await ApiClient.ExpectJsonAsync(response, HttpStatusCode.OK);
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var paths = document.GetProperty("paths");
        string[] expected =
        [
            "/api/auth/sign-up", "/api/auth/sign-in", "/api/auth/sign-out", "/api/auth/session", "/api/users/me",
            "/api/organizations", "/api/organizations/{slug}", "/api/organizations/{slug}/members",
            "/api/organizations/{slug}/members/{userId}", "/api/organizations/{slug}/invitations", "/api/invitations",
            "/api/invitations/{invitationId}/accept", "/api/invitations/{invitationId}/reject", "/api/billing/subscription",
        ];
        Assert.All(expected, path => Assert.True(paths.TryGetProperty(path, out _), $"{path} is not in the document"));
        Assert.Equal("""[{"Bearer":[]}]""".ToCharArray(), paths.GetProperty("/api/users/me").GetProperty("get").GetProperty("security").GetRawText().Where(c => !char.IsWhiteSpace(c)).ToArray());
        // Public operations say so: one requirement with no scheme.
        Assert.Equal("[{}]".ToCharArray(), paths.GetProperty("/api/organizations/{slug}").GetProperty("get").GetProperty("security").GetRawText().Where(c => !char.IsWhiteSpace(c)).ToArray());
        Assert.Equal("[{}]".ToCharArray(), paths.GetProperty("/api/auth/sign-in").GetProperty("post").GetProperty("security").GetRawText().Where(c => !char.IsWhiteSpace(c)).ToArray());
        var signUp = paths.GetProperty("/api/auth/sign-up").GetProperty("post").GetProperty("responses");
        Assert.All(["201", "400", "409", "413", "429"], status => Assert.True(signUp.TryGetProperty(status, out _), $"sign-up does not declare {status}"));
        Assert.True(signUp.GetProperty("409").GetProperty("content").TryGetProperty("application/problem+json", out _));
    }

    [Fact]
    public async Task TheReferencePageIsServedInDevelopment()
    {
        using var response = await api.GetAsync("/scalar");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var page = await ApiClient.TextAsync(response);
        Assert.True(page.Contains("openapi", StringComparison.OrdinalIgnoreCase) && page.Contains("scalar", StringComparison.OrdinalIgnoreCase), page);
    }

    [Fact]
    public async Task AnUnknownRouteIsAProblemNotAnEmptyPage()
    {
        using var response = await api.GetAsync("/api/nothing-here");

        var problem = await ApiClient.ExpectProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(JsonValueKind.Number, problem.GetProperty("status").ValueKind);
    }
}
