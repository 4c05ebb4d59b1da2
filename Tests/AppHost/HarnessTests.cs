using AppHost.Orchestration.Testing;
using Tests.Infrastructure;

namespace Tests.AppHost;

public sealed class HarnessTests
{
    [Fact]
    public async Task DisposingTheApplicationEndsEveryProcessAndDeletesItsData()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        builder.AddPostgres("pg").AddDatabase("db");
        builder.AddRedis("cache");
        var app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);
        await app.WaitForSettledAsync(TestContext.Current.CancellationToken);
        var pids = app.ResourceNotifications.Snapshots.Where(s => s.ProcessId is not null).Select(s => s.ProcessId!.Value).ToList();
        // The trees include PostgreSQL's backends and helpers.
        var trees = ProcessTable.TreesOf(pids);
        Assert.Equal(2, pids.Count);
        Assert.True(trees.Count > pids.Count);

        await app.DisposeAsync();

        Assert.All(trees, pid => Assert.False(ProcessTable.IsAlive(pid), $"process {pid} outlived the application"));
        Assert.False(Directory.Exists(app.StateDirectory));
    }

    [Fact]
    public async Task GeneratedPasswordsProtectTheServers()
    {
        var builder = DistributedApplicationTestingBuilder.Create();
        var postgres = builder.AddPostgres("pg");
        var cache = builder.AddRedis("cache");
        await using var app = builder.Build();
        await app.StartAsync(TestContext.Current.CancellationToken);
        await app.WaitForSettledAsync(TestContext.Current.CancellationToken);

        Assert.Equal(22, postgres.Resource.Password.Value.Length);
        Assert.Matches("^[a-zA-Z0-9]{22}$", cache.Resource.Password.Value);
        var wrong = new Npgsql.NpgsqlConnectionStringBuilder(postgres.Resource.ConnectionString) { Password = "not-the-password", Pooling = false };
        await using var connection = new Npgsql.NpgsqlConnection(wrong.ConnectionString);
        var refused = await Assert.ThrowsAsync<Npgsql.PostgresException>(() => connection.OpenAsync(TestContext.Current.CancellationToken));
        Assert.Equal(Npgsql.PostgresErrorCodes.InvalidPassword, refused.SqlState);
        var secrets = Path.Combine(app.StateDirectory, "secrets.json");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(secrets));
    }
}
