
namespace Tests.AppHost;

/// <summary>The pool of ready copies a throw-away PostgreSQL data folder is taken from (real cp, nice and sh).</summary>
public sealed class TemplateSparesTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("template-spares-").FullName;

    private string Template => Path.Combine(root, "template");

    [Fact]
    public async Task AReadyCopyIsTakenWholeByOneStartAndReplacedInTheBackground()
    {
        Directory.CreateDirectory(Path.Combine(Template, "base"));
        await File.WriteAllTextAsync(Path.Combine(Template, "base", "file"), "contents", TestContext.Current.CancellationToken);
        Assert.False(TemplateSpares.TryClaim(Template, Path.Combine(root, "first")));

        TemplateSpares.Replenish(Template);
        TemplateSpares.Replenish(Template);
        TemplateSpares.Replenish(Template);
        await SparesAsync(2);

        Assert.True(TemplateSpares.TryClaim(Template, Path.Combine(root, "first")));
        Assert.Equal("contents", await File.ReadAllTextAsync(Path.Combine(root, "first", "base", "file"), TestContext.Current.CancellationToken));
        Assert.True(TemplateSpares.TryClaim(Template, Path.Combine(root, "second")));
        Assert.False(TemplateSpares.TryClaim(Template, Path.Combine(root, "third")));
        Assert.True(File.Exists(Path.Combine(Template, "base", "file")), "the template itself is never taken");

        TemplateSpares.Replenish(Template);
        await SparesAsync(1);
    }

    public void Dispose() => Directory.Delete(root, recursive: true);

    /// <summary>Waits for that many complete copies (at most two are kept), with nothing left half-made.</summary>
    private async Task SparesAsync(int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        string[] Spares() => Directory.GetDirectories(root, "template.spare-*");
        string[] OnTheirWay() => Directory.GetFileSystemEntries(root, "template.copying-*");
        while ((Spares().Length != expected || OnTheirWay().Length > 0) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Equal(expected, Spares().Length);
        Assert.Empty(OnTheirWay());
    }
}
