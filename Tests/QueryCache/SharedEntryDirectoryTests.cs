using Api.Data.QueryCache;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Tests.Infrastructure;

namespace Tests.QueryCache;

/// <summary>
/// What each instance knows of the results on the cache server, learned from the other instances' announcements
/// through the real cache server: a miss looks there only for a result some instance stored.
/// </summary>
public sealed class SharedEntryDirectoryTests(SharedApp shared)
{
    [Fact]
    public async Task AStoredResultIsStillLookedUpAfterAnotherInstanceSaysItOnlyReadIt()
    {
        await using var storing = await InProcessApiInstance.StartAsync(shared.App);
        await using var reading = await InProcessApiInstance.StartAsync(shared.App);
        await InProcessApiInstance.EntryListingsCompleteAsync(storing, reading);
        var (stored, onlyRead) = (NewSharedKey(), NewSharedKey());

        Announce(storing, (directory, batch) => directory.Stored([stored], batch));
        // The other instance read the same result from PostgreSQL meanwhile, without storing it, and says so after.
        Announce(reading, (directory, batch) => directory.Read([stored, onlyRead], batch));
        var directory = storing.Services.GetRequiredService<SharedEntryDirectory>();
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!directory.ReadBefore(onlyRead) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10, TestContext.Current.CancellationToken);
        }

        Assert.True(directory.ReadBefore(onlyRead), "The storing instance never heard the other's announcement.");
        Assert.True(directory.MayHold(stored));
        Assert.False(directory.MayHold(onlyRead));
    }

    private static void Announce(InProcessApiInstance instance, Action<SharedEntryDirectory, IBatch> announce)
    {
        var batch = instance.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase().CreateBatch();
        announce(instance.Services.GetRequiredService<SharedEntryDirectory>(), batch);
        batch.Execute();
    }

    // A cache-server key as the cache makes them (a SHA-256 in hex): only its first 64 bits name the result here.
    private static string NewSharedKey() => Convert.ToHexString(Guid.NewGuid().ToByteArray()) + Convert.ToHexString(Guid.NewGuid().ToByteArray());
}
