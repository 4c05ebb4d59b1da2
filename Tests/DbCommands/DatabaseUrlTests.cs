using MigrationService;
using MigrationService.Targets;
using Npgsql;

namespace Tests.DbCommands;

/// <summary>DATABASE_URL as the seed's tools write it, converted to what Npgsql needs; bad URLs named without leaking them.</summary>
public sealed class DatabaseUrlTests
{
    [Theory]
    [InlineData("postgres://app:secret@db.example.com:6543/appdb", "db.example.com", 6543, "app", "secret", "appdb")]
    [InlineData("postgresql://app:secret@db.example.com/appdb", "db.example.com", 5432, "app", "secret", "appdb")]
    [InlineData("postgres://us%40er:p%40ss%3Aw%2Frd@localhost:5432/my%20db", "localhost", 5432, "us@er", "p@ss:w/rd", "my db")]
    [InlineData("postgres://app@10.0.0.5:5433/appdb", "10.0.0.5", 5433, "app", null, "appdb")]
    [InlineData("POSTGRES://app:pw@[::1]:5432/appdb", "::1", 5432, "app", "pw", "appdb")]
    public void ConvertsTheUrlsParts(string url, string host, int port, string user, string? password, string database)
    {
        var parsed = DatabaseUrl.Parse(url);

        Assert.Equal(host, parsed.Host);
        Assert.Equal(port, parsed.Port);
        Assert.Equal(user, parsed.Username);
        Assert.Equal(password, parsed.Password);
        Assert.Equal(database, parsed.Database);
    }

    [Fact]
    public void CarriesSslModeAndOtherQueryOptions()
    {
        var parsed = DatabaseUrl.Parse("postgres://app:pw@db:5432/appdb?sslmode=verify-full&connect_timeout=7&application_name=db%20cli&search_path=app");

        Assert.Equal(SslMode.VerifyFull, parsed.SslMode);
        Assert.Equal(7, parsed.Timeout);
        Assert.Equal("db cli", parsed.ApplicationName);
        Assert.Equal("app", parsed.SearchPath);
    }

    [Theory]
    [InlineData("mysql://app:secret@db/appdb", "must start with postgres:// or postgresql://")]
    [InlineData("Host=db;Username=app;Password=secret", "must start with postgres:// or postgresql://")]
    [InlineData("postgres://app:secret@db:5432", "names no database")]
    [InlineData("postgres://app:secret@db:5432/", "names no database")]
    [InlineData("postgres://db:5432/appdb", "names no user")]
    [InlineData("postgres://app:secret@db:notaport/appdb", "is not a valid URL")]
    [InlineData("postgres://app:secret@db/appdb?sslmode=sometimes", "sslmode=sometimes")]
    [InlineData("postgres://app:secret@db/appdb?frobnicate=1", "'frobnicate', which is not supported")]
    [InlineData("postgres://app:secret@db/appdb?sslmode", "without a value")]
    public void ABadUrlIsAUsageErrorNamingTheProblemButNotThePassword(string url, string problem)
    {
        var failure = Assert.Throws<CommandFailure>(() => DatabaseUrl.Parse(url));

        Assert.Equal(CommandFailure.Usage, failure.ExitCode);
        Assert.Contains("DATABASE_URL", failure.Message);
        Assert.Contains(problem, failure.Message);
        Assert.DoesNotContain("secret", failure.Message);
    }
}
