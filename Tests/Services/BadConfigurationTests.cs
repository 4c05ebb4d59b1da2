using Tests.Infrastructure;

namespace Tests.Services;

/// <summary>
/// A missing or malformed connection string stops a service at once with one line saying which and why, and a non-zero
/// exit code: never a stack trace, never a service that runs on without its database or cache.
/// </summary>
public sealed class BadConfigurationTests(SharedApp shared)
{
    [Theory]
    [InlineData("ConnectionStrings__appdb", "", "ConnectionStrings:appdb is not set")]
    [InlineData("ConnectionStrings__cache", "", "ConnectionStrings:cache is not set")]
    [InlineData("ConnectionStrings__appdb", "Host=localhost;Nonsense=1;Password=hunter2", "ConnectionStrings:appdb is not a valid PostgreSQL connection string")]
    [InlineData("ConnectionStrings__appdb", "Host=localhost;Port=notaport;Password=hunter2", "ConnectionStrings:appdb is not a valid PostgreSQL connection string")]
    [InlineData("ConnectionStrings__appdb", "Host=localhost;Username=postgres;Password=hunter2", "ConnectionStrings:appdb names no database")]
    [InlineData("ConnectionStrings__cache", "localhost:notaport,password=hunter2", "ConnectionStrings:cache names no cache server")]
    [InlineData("ConnectionStrings__cache", "localhost:6379,abortConnect=maybe,password=hunter2", "ConnectionStrings:cache is not a valid cache connection string")]
    public async Task TheApiRefusesToStartWithOneLineNamingTheBadConnectionString(string variable, string value, string expected)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__appdb"] = shared.DatabaseConnectionString,
            ["ConnectionStrings__cache"] = shared.App.GetConnectionString("cache")!,
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        };
        environment[variable] = value;
        using var api = ServiceProcess.Start(new Projects.Api(), environment);

        var exitCode = await api.WaitForExitAsync(TimeSpan.FromMinutes(1));

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(api.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheMigrationWorkerRefusesAMalformedConnectionStringWithOneLine()
    {
        using var worker = ServiceProcess.Start(new Projects.MigrationService(), new Dictionary<string, string>
        {
            ["ConnectionStrings__appdb"] = "Host=localhost;Nonsense=1;Password=hunter2",
        });

        var exitCode = await worker.WaitForExitAsync(TimeSpan.FromMinutes(1));

        Assert.NotEqual(0, exitCode);
        var line = Assert.Single(worker.ErrorLines, l => l.Length > 0);
        Assert.Contains("ConnectionStrings__appdb is not a valid connection string", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", worker.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", worker.Output, StringComparison.Ordinal);
    }
}
