using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Tests.Infrastructure;

namespace Tests.Api;

/// <summary>
/// What the API's console shows for answers that are part of normal use (409, 400, 401): at most one log entry,
/// never a stack trace; and for a real fault, still the error with its stack trace.
/// </summary>
public sealed class ExpectedFailureLogTests(ExpectedFailureLogTests.Fixture api) : IClassFixture<ExpectedFailureLogTests.Fixture>
{
    [Fact]
    public async Task ADuplicateEmailLogsOneLineWithoutAStackTrace()
    {
        var email = ApiClient.UniqueEmail();
        (await SignUpAsync(email)).Dispose();
        HttpResponseMessage? conflict = null;

        var logs = await api.App.LogsDuringAsync(async () => conflict = await SignUpAsync(email));

        Assert.Equal(HttpStatusCode.Conflict, conflict!.StatusCode);
        var entry = Assert.Single(logs);
        Assert.Equal("info", entry.Level);
        Assert.Contains("409 for POST /api/auth/sign-up: the value is already taken (ix_user_email)", entry.ToString(), StringComparison.Ordinal);
        Assert.False(entry.HasStackTrace, entry.ToString());
    }

    [Fact]
    public async Task ValidationFailuresLogNothing()
    {
        var answers = new List<HttpStatusCode>();

        var logs = await api.App.LogsDuringAsync(async () =>
        {
            using var tooShort = await api.App.Http.PostAsJsonAsync("/api/auth/sign-up", new { name = "A", email = ApiClient.UniqueEmail(), password = "short" });
            using var wrongType = await api.App.Http.PostAsync("/api/auth/sign-up",
                new StringContent("""{"name":"A","email":"a@example.com","password":1}""", System.Text.Encoding.UTF8, "application/json"));
            answers.AddRange([tooShort.StatusCode, wrongType.StatusCode]);
        });

        Assert.Equal([HttpStatusCode.BadRequest, HttpStatusCode.BadRequest], answers);
        Assert.True(logs.Count == 0, string.Join('\n', logs));
    }

    [Fact]
    public async Task RefusedSignInsAndTokensLogNothing()
    {
        var email = ApiClient.UniqueEmail();
        (await SignUpAsync(email)).Dispose();
        var answers = new List<HttpStatusCode>();

        var logs = await api.App.LogsDuringAsync(async () =>
        {
            using var wrongPassword = await api.App.Http.PostAsJsonAsync("/api/auth/sign-in", new { email, password = "not the password" });
            using var badToken = new HttpRequestMessage(HttpMethod.Get, "/api/users/me") { Headers = { Authorization = new AuthenticationHeaderValue("Bearer", new string('x', 43)) } };
            using var refusedToken = await api.App.Http.SendAsync(badToken);
            using var anonymous = await api.App.Http.GetAsync("/api/users/me");
            answers.AddRange([wrongPassword.StatusCode, refusedToken.StatusCode, anonymous.StatusCode]);
        });

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], answers);
        Assert.True(logs.Count == 0, string.Join('\n', logs));
    }

    [Fact]
    public async Task AnUnexpectedDatabaseErrorIsStillLoggedWithItsStackTrace()
    {
        using var signUp = await SignUpAsync(ApiClient.UniqueEmail());
        var token = (await ApiClient.ExpectJsonAsync(signUp, HttpStatusCode.Created)).GetProperty("token").GetString()!;
        // A fault no endpoint expects: the API's own database lost a column it writes.
        await Infrastructure.Database.ScalarAsync<object>(api.Database.ConnectionString, "ALTER TABLE organization RENAME COLUMN logo TO logo_lost");
        HttpResponseMessage? failed = null;

        var logs = await api.App.LogsDuringAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/organizations")
            {
                Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
                Content = JsonContent.Create(new { name = "Broken", slug = ApiClient.UniqueSlug() }),
            };
            failed = await api.App.Http.SendAsync(request);
        });

        Assert.Equal(HttpStatusCode.InternalServerError, failed!.StatusCode);
        var error = Assert.Single(logs, entry => entry.Level == "fail");
        Assert.Contains("42703", error.ToString(), StringComparison.Ordinal);
        Assert.True(error.HasStackTrace, error.ToString());
    }

    private Task<HttpResponseMessage> SignUpAsync(string email) =>
        api.App.Http.PostAsJsonAsync("/api/auth/sign-up", new { name = "Log Test", email, password = ApiClient.Password }, TestContext.Current.CancellationToken);

    /// <summary>An API in Development on a database of its own, since one test breaks its schema.</summary>
    public sealed class Fixture(SharedApp shared) : IAsyncLifetime
    {
        public QueryCache.PrivateDatabase Database { get; } = new(shared);

        public StandaloneApi App { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            await Database.InitializeAsync();
            App = await StandaloneApi.StartAsync("Development", Database.ConnectionString, shared.App.GetConnectionString("cache")!);
        }

        public async ValueTask DisposeAsync()
        {
            if (App is not null)
            {
                await App.DisposeAsync();
            }

            await Database.DisposeAsync();
        }
    }
}
