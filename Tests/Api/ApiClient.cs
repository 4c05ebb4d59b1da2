using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SaasApi.Client;
using SaasApi.Client.Models;
using Tests.Infrastructure;

namespace Tests.Api;

/// <summary>
/// Calls the shared app's API as a given user, and creates the unique users and organizations tests need. Users and
/// organizations are made through the generated client (<see cref="Client"/>); the raw requests here are for tests
/// that need what a typed client cannot send or show: malformed bodies, hostile paths, response headers.
/// </summary>
internal sealed class ApiClient(SharedApp shared, int replica = 0)
{
    public const string Password = "correct horse battery staple";

    private static readonly Dictionary<(DistributedApplication, int), HttpClient> Clients = [];

    public HttpClient Http
    {
        get
        {
            lock (Clients)
            {
                if (!Clients.TryGetValue((shared.App, replica), out var client))
                {
                    client = shared.App.CreateReplicaHttpClient("api", replica);
                    Clients[(shared.App, replica)] = client;
                }

                return client;
            }
        }
    }

    public string Db => shared.DatabaseConnectionString;

    /// <summary>The generated client, anonymous or as the user.</summary>
    public SaasApiClient Client(TestUser? user = null) =>
        user is null ? GeneratedClient.Anonymous(Http) : GeneratedClient.As(Http, user.Token);

    public static string UniqueEmail() => $"u{Guid.NewGuid():N}@example.test";

    public static string UniqueSlug(string prefix = "org") => $"{prefix}-{Guid.NewGuid():N}"[..30];

    /// <summary>Sends JSON (an object serialized, or a raw string sent as is) with the user's bearer token.</summary>
    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, TestUser? user = null, object? body = null, string? raw = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.Token);
        }

        if (raw is not null)
        {
            request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await Http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    public Task<HttpResponseMessage> GetAsync(string path, TestUser? user = null) => SendAsync(HttpMethod.Get, path, user);

    public Task<HttpResponseMessage> PostAsync(string path, TestUser? user = null, object? body = null) => SendAsync(HttpMethod.Post, path, user, body);

    public Task<HttpResponseMessage> PatchAsync(string path, TestUser? user = null, object? body = null) => SendAsync(HttpMethod.Patch, path, user, body);

    public Task<HttpResponseMessage> DeleteAsync(string path, TestUser? user = null) => SendAsync(HttpMethod.Delete, path, user);

    public async Task<TestUser> SignUpAsync(string? email = null, string name = "Test User")
    {
        email ??= UniqueEmail();
        var session = await Client().Api.Auth.SignUp.PostAsync(
            new SignUpRequest { Name = name, Email = email, Password = Password }, cancellationToken: TestContext.Current.CancellationToken);
        return new TestUser(session!.User!.Id!, name, email, session.Token!);
    }

    public async Task<string> CreateOrganizationAsync(TestUser owner, string? slug = null)
    {
        slug ??= UniqueSlug();
        await Client(owner).Api.Organizations.PostAsync(
            new CreateOrganizationRequest { Name = "Org " + slug, Slug = slug }, cancellationToken: TestContext.Current.CancellationToken);
        return slug;
    }

    /// <summary>Adds a member with SQL, for tests about what members may do rather than how they join.</summary>
    public async Task AddMemberAsync(string slug, TestUser user, string role) =>
        await Execute($"""
            INSERT INTO member (id, user_id, organization_id, role)
            SELECT 'mem_' || substr(md5(random()::text), 1, 16), '{user.Id}', id, '{role}' FROM organization WHERE slug = '{slug}'
            """);

    /// <summary>Puts an organization or user on a plan the way a payment webhook would: a subscription row.</summary>
    public async Task SubscribeAsync(string referenceSql, string plan, string status = "active") =>
        await Execute($"""
            INSERT INTO subscription (id, plan, reference_id, status)
            SELECT 'sub_' || substr(md5(random()::text), 1, 16), '{plan}', ({referenceSql}), '{status}'
            """);

    public Task SubscribeOrganizationAsync(string slug, string plan, string status = "active") =>
        SubscribeAsync($"SELECT id FROM organization WHERE slug = '{slug}'", plan, status);

    public async Task<long> CountAsync(string sql) => await Infrastructure.Database.ScalarAsync<long>(Db, sql);

    public async Task Execute(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Db);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>A 200 read as the user: its body, and how the query cache served it (X-Query-Cache; null if it read no cached handle).</summary>
    public async Task<(JsonElement Body, string? Cache)> GetServedAsync(string path, TestUser user)
    {
        using var response = await GetAsync(path, user);
        var body = await ExpectJsonAsync(response, HttpStatusCode.OK);
        return (body, response.Headers.TryGetValues("X-Query-Cache", out var values) ? values.Single() : null);
    }

    /// <summary>
    /// The same read repeated until the query cache serves it as a hit, at most 20 times: other tests write the same
    /// tables through the same app all the time, and each such write rightly invalidates the result meanwhile.
    /// </summary>
    public async Task<(JsonElement Body, string? Cache)> GetUntilCacheHitAsync(string path, TestUser user)
    {
        var served = await GetServedAsync(path, user);
        for (var tries = 1; served.Cache != "hit" && tries < 20; tries++)
        {
            served = await GetServedAsync(path, user);
        }

        return served;
    }

    public static Task<string> TextAsync(HttpResponseMessage response) =>
        response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

    public static async Task<JsonElement> ExpectJsonAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 answer with the status, and returns it.</summary>
    public static async Task<JsonElement> ExpectProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var problem = await ExpectJsonAsync(response, status);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.DoesNotContain("   at ", problem.ToString(), StringComparison.Ordinal);
        return problem;
    }
}
