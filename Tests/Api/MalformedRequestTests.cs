using System.Net;
using System.Text;
using Tests.Infrastructure;

namespace Tests.Api;

/// <summary>
/// Bad input, endpoint by endpoint: each gets its 4xx as problem details (never a 500, never a stack trace)
/// and writes nothing. Placeholders: {email} a fresh address, {slug} the caller's organization, {newSlug} a
/// fresh slug, {me} the caller's id.
/// </summary>
public sealed class MalformedRequestTests(SharedApp shared)
{
    private static readonly string TooLarge = "{\"name\":\"" + new string('a', 20_000) + "\"}";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static (TestUser User, string Slug)? caller;

    private readonly ApiClient api = new(shared);

    public static TheoryData<string, string, string?, int> Cases() => new()
    {
        { "POST", "/api/auth/sign-up", """{"name":"A","email":"{email}","password":"long enough pw","admin":true}""", 400 },
        { "POST", "/api/auth/sign-up", """{"name":1,"email":"{email}","password":"long enough pw"}""", 400 },
        { "POST", "/api/auth/sign-up", """{"name":null,"email":"{email}","password":"long enough pw"}""", 400 },
        { "POST", "/api/auth/sign-up", """{"name":"A","email":"{email}"}""", 400 },
        { "POST", "/api/auth/sign-up", """{"name":"A","email":"{email}","password":"short"}""", 400 },
        { "POST", "/api/auth/sign-up", """{"name":"A","email":"not-an-email","password":"long enough pw"}""", 400 },
        { "POST", "/api/auth/sign-up", "{\"name\":\"" + new string('n', 101) + "\",\"email\":\"{email}\",\"password\":\"long enough pw\"}", 400 },
        { "POST", "/api/auth/sign-up", """{"name":"A","email":"{email}","password":""" + "\"" + new string('p', 129) + "\"}", 400 },
        { "POST", "/api/auth/sign-up", """{"name":"A","email":"{email}",""", 400 },
        { "POST", "/api/auth/sign-up", "[]", 400 },
        { "POST", "/api/auth/sign-up", "", 400 },
        { "POST", "/api/auth/sign-up", TooLarge, 413 },
        { "POST", "/api/auth/sign-up", "text:{\"name\":\"A\",\"email\":\"{email}\",\"password\":\"long enough pw\"}", 415 },
        { "POST", "/api/auth/sign-in", """{"email":"{email}","password":"long enough pw","remember":true}""", 400 },
        { "POST", "/api/auth/sign-in", """{"email":["{email}"],"password":"long enough pw"}""", 400 },
        { "POST", "/api/auth/sign-in", """{"email":"","password":""}""", 400 },
        { "POST", "/api/auth/sign-in", TooLarge, 413 },
        { "PATCH", "/api/users/me", """{"name":"X","role":"admin"}""", 400 },
        { "PATCH", "/api/users/me", """{"name":"  "}""", 400 },
        { "PATCH", "/api/users/me", """{"name":42}""", 400 },
        { "PATCH", "/api/users/me", """{"image":"javascript:alert(1)"}""", 400 },
        { "PATCH", "/api/users/me", "{}", 400 },
        { "PATCH", "/api/users/me", TooLarge, 413 },
        { "POST", "/api/organizations", """{"name":"N","slug":"Bad Slug"}""", 400 },
        { "POST", "/api/organizations", """{"name":"N","slug":"-{newSlug}"}""", 400 },
        { "POST", "/api/organizations", """{"name":"N","slug":"{newSlug}--x"}""", 400 },
        { "POST", "/api/organizations", "{\"name\":\"N\",\"slug\":\"" + new string('a', 49) + "\"}", 400 },
        { "POST", "/api/organizations", """{"name":"","slug":"{newSlug}"}""", 400 },
        { "POST", "/api/organizations", """{"name":"N","slug":"{newSlug}","plan":"pro"}""", 400 },
        { "POST", "/api/organizations", """{"name":"N"}""", 400 },
        { "POST", "/api/organizations", TooLarge, 413 },
        { "PATCH", "/api/organizations/{slug}", """{"slug":"UPPER"}""", 400 },
        { "PATCH", "/api/organizations/{slug}", """{"name":"N","ownerId":"{me}"}""", 400 },
        { "PATCH", "/api/organizations/{slug}", """{"logo":"ftp://example.com/a.png"}""", 400 },
        { "PATCH", "/api/organizations/{slug}", "{}", 400 },
        { "PATCH", "/api/organizations/Not_A_Slug", """{"name":"N"}""", 400 },
        { "GET", "/api/organizations/Not_A_Slug", null, 400 },
        { "GET", "/api/organizations/" + new string('a', 49), null, 400 },
        { "DELETE", "/api/organizations/Not_A_Slug", null, 400 },
        { "GET", "/api/organizations/Not_A_Slug/members", null, 400 },
        { "DELETE", "/api/organizations/{slug}/members/nope", null, 400 },
        { "DELETE", "/api/organizations/{slug}/members/org_0123456789abcdef", null, 400 },
        { "DELETE", "/api/organizations/{slug}/members/usr_0000000000000000", null, 404 },
        { "POST", "/api/organizations/{slug}/invitations", """{"email":"bad","role":"member"}""", 400 },
        { "POST", "/api/organizations/{slug}/invitations", """{"email":"{email}","role":"superuser"}""", 400 },
        { "POST", "/api/organizations/{slug}/invitations", """{"email":"{email}","role":1}""", 400 },
        { "POST", "/api/organizations/{slug}/invitations", """{"email":"{email}"}""", 400 },
        { "POST", "/api/organizations/{slug}/invitations", """{"email":"{email}","role":"member","expiresAt":"2099-01-01"}""", 400 },
        { "POST", "/api/organizations/{slug}/invitations", TooLarge, 413 },
        { "POST", "/api/organizations/{newSlug}/invitations", """{"email":"{email}","role":"member"}""", 404 },
        { "POST", "/api/invitations/inv_short/accept", null, 400 },
        { "POST", "/api/invitations/usr_0123456789abcdef/accept", null, 400 },
        { "POST", "/api/invitations/inv_0000000000000000/accept", null, 404 },
        { "POST", "/api/invitations/inv_short/reject", null, 400 },
        { "POST", "/api/invitations/inv_0000000000000000/reject", null, 404 },
        { "GET", "/api/billing/subscription?organization=Not_A_Slug", null, 400 },
        { "GET", "/api/billing/subscription?organization={newSlug}", null, 404 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task IsRefusedAndWritesNothing(string method, string path, string? body, int expected)
    {
        var (user, slug) = await CallerAsync();
        var email = ApiClient.UniqueEmail();
        var newSlug = ApiClient.UniqueSlug("new");
        string Fill(string text) => text
            .Replace("{email}", email, StringComparison.Ordinal)
            .Replace("{newSlug}", newSlug, StringComparison.Ordinal)
            .Replace("{slug}", slug, StringComparison.Ordinal)
            .Replace("{me}", user.Id, StringComparison.Ordinal);
        var before = await StateAsync(user, slug, email, newSlug);

        using var request = new HttpRequestMessage(new HttpMethod(method), Fill(path));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", user.Token);
        if (body is not null)
        {
            var plain = body.StartsWith("text:", StringComparison.Ordinal);
            request.Content = new StringContent(Fill(plain ? body[5..] : body), Encoding.UTF8, plain ? "text/plain" : "application/json");
        }

        using var response = await api.Http.SendAsync(request, TestContext.Current.CancellationToken);

        var problem = await ApiClient.ExpectProblemAsync(response, (HttpStatusCode)expected);
        Assert.True(problem.TryGetProperty("detail", out _) || problem.TryGetProperty("errors", out _), $"no detail nor errors: {problem}");
        Assert.Equal(before, await StateAsync(user, slug, email, newSlug));
    }

    [Fact]
    public async Task UnknownFieldsAreNamedInTheAnswer()
    {
        var (user, _) = await CallerAsync();

        using var response = await api.SendAsync(HttpMethod.Patch, "/api/users/me", user, raw: """{"name":"X","isAdmin":true}""");

        var problem = await ApiClient.ExpectProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("isAdmin", problem.GetProperty("errors").ToString(), StringComparison.Ordinal);
    }

    // Everything a malformed request could have written: the caller's row, sessions, organization, members,
    // invitations, and any user or organization under the case's fresh email and slug.
    private async Task<string> StateAsync(TestUser user, string slug, string email, string newSlug) =>
        string.Join(';', await Infrastructure.Database.RowsAsync(api.Db, $"""
            SELECT u.name, coalesce(u.image, ''), u.updated_at,
                   (SELECT count(*) FROM session s WHERE s.user_id = u.id),
                   (SELECT string_agg(o.name || o.slug || coalesce(o.logo, '') || o.updated_at, ',') FROM organization o WHERE o.slug = '{slug}'),
                   (SELECT count(*) FROM member m JOIN organization o ON o.id = m.organization_id WHERE o.slug = '{slug}'),
                   (SELECT count(*) FROM invitation i JOIN organization o ON o.id = i.organization_id WHERE o.slug = '{slug}'),
                   (SELECT count(*) FROM "user" WHERE email = '{email}'),
                   (SELECT count(*) FROM organization WHERE slug IN ('{newSlug}', '-{newSlug}', '{newSlug}--x'))
            FROM "user" u WHERE u.id = '{user.Id}'
            """));

    private async Task<(TestUser User, string Slug)> CallerAsync()
    {
        await Gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (caller is null)
            {
                var user = await api.SignUpAsync();
                var slug = await api.CreateOrganizationAsync(user);
                await api.SubscribeOrganizationAsync(slug, "pro");
                caller = (user, slug);
            }

            return caller.Value;
        }
        finally
        {
            Gate.Release();
        }
    }
}
