using System.Net;
using Tests.Infrastructure;

namespace Tests.Api;

public sealed class UserTests(SharedApp shared)
{
    private readonly ApiClient api = new(shared);

    [Fact]
    public async Task MeIsTheSignedInUser()
    {
        var user = await api.SignUpAsync(name: "Grace Hopper");

        using var response = await api.GetAsync("/api/users/me", user);

        var me = await ApiClient.ExpectJsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(user.Id, me.GetProperty("id").GetString());
        Assert.Equal("Grace Hopper", me.GetProperty("name").GetString());
        Assert.Equal(user.Email, me.GetProperty("email").GetString());
        Assert.False(me.GetProperty("emailVerified").GetBoolean());
    }

    [Fact]
    public async Task UpdatingNameAndImageIsSeenByTheNextRequest()
    {
        var user = await api.SignUpAsync();

        using var patch = await api.PatchAsync("/api/users/me", user, new { name = "New Name", image = "https://example.com/a.png" });
        var updated = await ApiClient.ExpectJsonAsync(patch, HttpStatusCode.OK);
        Assert.Equal("New Name", updated.GetProperty("name").GetString());

        using var me = await api.GetAsync("/api/users/me", user);
        var body = await ApiClient.ExpectJsonAsync(me, HttpStatusCode.OK);
        Assert.Equal("New Name", body.GetProperty("name").GetString());
        Assert.Equal("https://example.com/a.png", body.GetProperty("image").GetString());

        using var onlyImage = await api.PatchAsync("/api/users/me", user, new { image = "" });
        var cleared = await ApiClient.ExpectJsonAsync(onlyImage, HttpStatusCode.OK);
        Assert.Equal("New Name", cleared.GetProperty("name").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleared.GetProperty("image").ValueKind);
        Assert.Equal("New Name|NULL", Assert.Single(await Infrastructure.Database.RowsAsync(api.Db, $"SELECT name, image FROM \"user\" WHERE id = '{user.Id}'")));
    }
}
