using System.Net.Http.Json;
using System.Text.Json;

namespace Load;

/// <summary>A user with a session and an organization, made through the API itself.</summary>
internal sealed record LoadFixture(string Slug, string Token, string SignInBody)
{
    public static async Task<LoadFixture> CreateAsync(Uri api)
    {
        using var http = new HttpClient { BaseAddress = api };
        var credentials = new { email = $"load-{Guid.NewGuid():N}@example.test", password = "load test password" };
        using var signUp = await http.PostAsJsonAsync("/api/auth/sign-up", new { name = "Load", credentials.email, credentials.password });
        signUp.EnsureSuccessStatusCode();
        var token = (await signUp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;

        var slug = $"load-{Guid.NewGuid():N}"[..20];
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/organizations") { Content = JsonContent.Create(new { name = "Load", slug }) };
        request.Headers.Authorization = new("Bearer", token);
        using var created = await http.SendAsync(request);
        created.EnsureSuccessStatusCode();

        return new LoadFixture(slug, token, JsonSerializer.Serialize(credentials));
    }
}
