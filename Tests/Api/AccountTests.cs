using System.Net;
using System.Security.Cryptography;
using System.Text;
using Tests.Infrastructure;

namespace Tests.Api;

public sealed class AccountTests(SharedApp shared)
{
    private readonly ApiClient api = new(shared);

    [Fact]
    public async Task SignUpStoresAHashedPasswordAndOnlyTheTokensHashAndReturnsASession()
    {
        var email = ApiClient.UniqueEmail();
        using var response = await api.PostAsync("/api/auth/sign-up", body: new { name = "  Ada Lovelace ", email = email.ToUpperInvariant(), password = ApiClient.Password });

        var session = await ApiClient.ExpectJsonAsync(response, HttpStatusCode.Created);
        var token = session.GetProperty("token").GetString()!;
        var user = session.GetProperty("user");
        Assert.Equal("/api/auth/session", response.Headers.Location?.OriginalString);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", token);
        Assert.Equal("Ada Lovelace", user.GetProperty("name").GetString());
        Assert.Equal(email, user.GetProperty("email").GetString());
        Assert.True(session.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(6));

        var userId = user.GetProperty("id").GetString()!;
        var identity = await Infrastructure.Database.RowsAsync(api.Db, $"SELECT provider_id, account_id, password FROM identity WHERE user_id = '{userId}'");
        var columns = Assert.Single(identity).Split('|');
        Assert.Equal(["credential", userId], columns[..2]);
        Assert.DoesNotContain(ApiClient.Password, columns[2], StringComparison.Ordinal);
        Assert.Equal(0x01, Convert.FromBase64String(columns[2])[0]); // Identity's V3 format: PBKDF2 with a salt

        var stored = Assert.Single(await Infrastructure.Database.RowsAsync(api.Db, $"SELECT token, ip_address, user_agent FROM session WHERE user_id = '{userId}'")).Split('|');
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token))), stored[0]);
        Assert.Equal("127.0.0.1", stored[1]);
    }

    [Fact]
    public async Task SignInReturnsANewWorkingSessionAndSignOutEndsIt()
    {
        var user = await api.SignUpAsync();

        using var signIn = await api.PostAsync("/api/auth/sign-in", body: new { email = user.Email, password = ApiClient.Password });
        var session = await ApiClient.ExpectJsonAsync(signIn, HttpStatusCode.OK);
        var second = user with { Token = session.GetProperty("token").GetString()! };
        Assert.NotEqual(user.Token, second.Token);
        Assert.Equal(user.Id, session.GetProperty("user").GetProperty("id").GetString());

        using var current = await api.GetAsync("/api/auth/session", second);
        var body = await ApiClient.ExpectJsonAsync(current, HttpStatusCode.OK);
        Assert.Equal(user.Email, body.GetProperty("user").GetProperty("email").GetString());

        using var signOut = await api.PostAsync("/api/auth/sign-out", second);
        Assert.Equal(HttpStatusCode.NoContent, signOut.StatusCode);
        using var after = await api.GetAsync("/api/users/me", second);
        await ApiClient.ExpectProblemAsync(after, HttpStatusCode.Unauthorized);

        // Only that session ended: the sign-up session still works.
        using var first = await api.GetAsync("/api/users/me", user);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
    }

    [Fact]
    public async Task ASessionMadeOnOneReplicaWorksOnTheOther()
    {
        var user = await api.SignUpAsync();

        using var response = await new ApiClient(shared, replica: 1).GetAsync("/api/users/me", user);

        var me = await ApiClient.ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(user.Id, me.GetProperty("id").GetString());
    }

    [Fact]
    public async Task AWrongPasswordAndAnUnknownEmailGetTheSameAnswer()
    {
        var user = await api.SignUpAsync();

        using var wrongPassword = await api.PostAsync("/api/auth/sign-in", body: new { email = user.Email, password = "not the password" });
        using var unknownEmail = await api.PostAsync("/api/auth/sign-in", body: new { email = ApiClient.UniqueEmail(), password = ApiClient.Password });

        var first = await ApiClient.ExpectProblemAsync(wrongPassword, HttpStatusCode.Unauthorized);
        var second = await ApiClient.ExpectProblemAsync(unknownEmail, HttpStatusCode.Unauthorized);
        Assert.Equal(first.GetProperty("detail").GetString(), second.GetProperty("detail").GetString());
        Assert.Equal(1, await api.CountAsync($"SELECT count(*) FROM session WHERE user_id = '{user.Id}'")); // the sign-up's only
    }

    [Fact]
    public async Task EmailsAreMatchedWhateverTheirCase()
    {
        var user = await api.SignUpAsync();

        using var signIn = await api.PostAsync("/api/auth/sign-in", body: new { email = " " + user.Email.ToUpperInvariant(), password = ApiClient.Password });

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }

    [Fact]
    public async Task AnExpiredSessionIsRefused()
    {
        var user = await api.SignUpAsync();
        await api.Execute($"UPDATE session SET expires_at = now() - interval '1 second' WHERE user_id = '{user.Id}'");

        using var response = await api.GetAsync("/api/users/me", user);

        var problem = await ApiClient.ExpectProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("expired", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer")]
    [InlineData("Bearer not-a-token")]
    [InlineData("Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("Basic dXNlcjpwYXNz")]
    public async Task RequestsWithoutAValidBearerTokenAreRefused(string? authorization)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/users/me");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await api.Http.SendAsync(request, TestContext.Current.CancellationToken);

        await ApiClient.ExpectProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ASecondSignUpWithTheSameEmailIsAConflict()
    {
        var user = await api.SignUpAsync();

        using var again = await api.PostAsync("/api/auth/sign-up", body: new { name = "Other", email = user.Email.ToUpperInvariant(), password = ApiClient.Password });

        await ApiClient.ExpectProblemAsync(again, HttpStatusCode.Conflict);
        Assert.Equal(1, await api.CountAsync($"SELECT count(*) FROM \"user\" WHERE email = '{user.Email}'"));
    }

    [Fact]
    public async Task SignUpsRacingForOneEmailGiveOneAccountAndConflicts()
    {
        var email = ApiClient.UniqueEmail();

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            new ApiClient(shared, replica: i % 2).PostAsync("/api/auth/sign-up", body: new { name = "Racer", email, password = ApiClient.Password })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Created));
        Assert.Equal(3, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Equal(1, await api.CountAsync($"SELECT count(*) FROM \"user\" WHERE email = '{email}'"));
        Assert.Equal(1, await api.CountAsync($"SELECT count(*) FROM identity i JOIN \"user\" u ON u.id = i.user_id WHERE u.email = '{email}'"));
        Assert.Equal(1, await api.CountAsync($"SELECT count(*) FROM session s JOIN \"user\" u ON u.id = s.user_id WHERE u.email = '{email}'"));
    }
}
