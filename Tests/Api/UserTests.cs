using SaasApi.Client.Models;
using Tests.Infrastructure;

namespace Tests.Api;

public sealed class UserTests(SharedApp shared)
{
    private readonly ApiClient api = new(shared);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MeIsTheSignedInUser()
    {
        var user = await api.SignUpAsync(name: "Grace Hopper");

        var me = await api.Client(user).Api.Users.Me.GetAsync(cancellationToken: Cancellation);

        Assert.Equal((user.Id, "Grace Hopper", user.Email, false), (me!.Id, me.Name, me.Email, me.EmailVerified));
    }

    [Fact]
    public async Task UpdatingNameAndImageIsSeenByTheNextRequest()
    {
        var user = await api.SignUpAsync();
        var me = api.Client(user).Api.Users.Me;

        var updated = await me.PatchAsync(new UpdateUserRequest { Name = "New Name", Image = "https://example.com/a.png" }, cancellationToken: Cancellation);
        var read = await me.GetAsync(cancellationToken: Cancellation);
        var cleared = await me.PatchAsync(new UpdateUserRequest { Image = "" }, cancellationToken: Cancellation);

        Assert.Equal("New Name", updated!.Name);
        Assert.Equal(("New Name", "https://example.com/a.png"), (read!.Name, read.Image));
        Assert.Equal(("New Name", null), (cleared!.Name, cleared.Image));
        Assert.Equal("New Name|NULL", Assert.Single(await Infrastructure.Database.RowsAsync(api.Db, $"SELECT name, image FROM \"user\" WHERE id = '{user.Id}'")));
    }
}
