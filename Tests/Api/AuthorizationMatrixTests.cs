using System.Net;
using Tests.Infrastructure;

namespace Tests.Api;

/// <summary>
/// Every organization endpoint tried by each kind of caller: anonymous, a stranger (a user who owns another
/// organization), a member, an admin and the owner. A refused call changes nothing and shows nothing of the
/// organization beyond what its public profile does.
/// </summary>
public sealed class AuthorizationMatrixTests(SharedApp shared)
{
    private static readonly SemaphoreSlim UsersGate = new(1, 1);
    private static Cast? cast;

    private readonly ApiClient api = new(shared);

    public static TheoryData<string, string, int> Matrix()
    {
        var data = new TheoryData<string, string, int>();
        void Row(string endpoint, int anonymous, int stranger, int member, int admin, int owner)
        {
            data.Add(endpoint, "anonymous", anonymous);
            data.Add(endpoint, "stranger", stranger);
            data.Add(endpoint, "member", member);
            data.Add(endpoint, "admin", admin);
            data.Add(endpoint, "owner", owner);
        }

        Row("GET /api/organizations/{slug}", 200, 200, 200, 200, 200);
        Row("GET /api/organizations/{slug}/members", 401, 403, 200, 200, 200);
        Row("PATCH /api/organizations/{slug}", 401, 403, 403, 200, 200);
        Row("DELETE /api/organizations/{slug}", 401, 403, 403, 403, 204);
        Row("DELETE /api/organizations/{slug}/members/{target}", 401, 403, 403, 204, 204);
        Row("POST /api/organizations/{slug}/invitations", 401, 403, 403, 201, 201);
        Row("GET /api/billing/subscription?organization={slug}", 401, 403, 200, 200, 200);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task EachCallerGetsWhatTheirRoleAllows(string endpoint, string caller, int expected)
    {
        var people = await CastAsync();
        var slug = await api.CreateOrganizationAsync(people.Owner);
        await api.SubscribeOrganizationAsync(slug, "pro");
        await api.AddMemberAsync(slug, people.Admin, "admin");
        await api.AddMemberAsync(slug, people.Member, "member");
        await api.AddMemberAsync(slug, people.Target, "member");
        var before = await StateAsync(slug);
        var organizationId = (await Infrastructure.Database.RowsAsync(api.Db, $"SELECT id FROM organization WHERE slug = '{slug}'")).Single();

        var (method, path) = (endpoint.Split(' ')[0], endpoint.Split(' ')[1].Replace("{slug}", slug, StringComparison.Ordinal).Replace("{target}", people.Target.Id, StringComparison.Ordinal));
        object? body = method switch
        {
            "PATCH" => new { name = "Changed" },
            "POST" => new { email = ApiClient.UniqueEmail(), role = "member" },
            _ => null,
        };
        var user = caller switch
        {
            "stranger" => people.Stranger,
            "member" => people.Member,
            "admin" => people.Admin,
            "owner" => people.Owner,
            _ => null,
        };

        using var response = await api.SendAsync(new HttpMethod(method), path, user, body);

        var text = await ApiClient.TextAsync(response);
        Assert.True((int)response.StatusCode == expected, $"{caller} {endpoint}: expected {expected}, got {(int)response.StatusCode} {text}");
        if (expected >= 400)
        {
            await ApiClient.ExpectProblemAsync(response, (HttpStatusCode)expected);
            Assert.Equal(before, await StateAsync(slug));
            Assert.DoesNotContain(organizationId, text, StringComparison.Ordinal);
            Assert.DoesNotContain(people.Member.Email, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AStrangersOwnOrganizationIsUntouchedAndTheirListShowsOnlyIt()
    {
        var people = await CastAsync();
        var slug = await api.CreateOrganizationAsync(people.Owner);

        using var list = await api.GetAsync("/api/organizations", people.Stranger);

        var slugs = (await ApiClient.ExpectJsonAsync(list, HttpStatusCode.OK)).EnumerateArray().Select(o => o.GetProperty("slug").GetString()).ToList();
        Assert.Equal([people.StrangersOrganization], slugs);
        Assert.DoesNotContain(slug, slugs);
    }

    // Name, member count and invitation count: what a refused call must leave as it was.
    private async Task<string> StateAsync(string slug) =>
        string.Join(';', await Infrastructure.Database.RowsAsync(api.Db, $"""
            SELECT o.name, o.slug, (SELECT count(*) FROM member m WHERE m.organization_id = o.id),
                   (SELECT count(*) FROM invitation i WHERE i.organization_id = o.id)
            FROM organization o WHERE o.slug = '{slug}'
            """));

    // Signing up hashes a password; the same five people serve every row, each row with its own organization.
    private async Task<Cast> CastAsync()
    {
        await UsersGate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (cast is null)
            {
                var stranger = await api.SignUpAsync(name: "Stranger");
                cast = new Cast(
                    await api.SignUpAsync(name: "Owner"),
                    await api.SignUpAsync(name: "Admin"),
                    await api.SignUpAsync(name: "Member"),
                    await api.SignUpAsync(name: "Target"),
                    stranger,
                    await api.CreateOrganizationAsync(stranger));
            }

            return cast;
        }
        finally
        {
            UsersGate.Release();
        }
    }

    private sealed record Cast(TestUser Owner, TestUser Admin, TestUser Member, TestUser Target, TestUser Stranger, string StrangersOrganization);
}
