namespace Tests.AppHost;

public sealed class ConsoleLogStoreTests
{
    [Fact]
    public void OnlyTheLastLinesOfEachResourceAreKeptAndNumbersKeepCounting()
    {
        var store = new ConsoleLogStore(linesPerResource: 3);

        for (var i = 1; i <= 5; i++)
        {
            store.Add("api", $"line {i}", isError: false);
        }

        store.Add("cache", "ready", isError: false);

        Assert.Equal(["line 3", "line 4", "line 5"], store.GetLines("api").Select(l => l.Text));
        Assert.Equal([3L, 4L, 5L], store.GetLines("api").Select(l => l.Number));
        Assert.Single(store.GetLines("cache"));
        Assert.Empty(store.GetLines("nothing"));
    }
}
