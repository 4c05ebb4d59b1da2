namespace Tests.AppHost;

public sealed class ServiceEnvironmentTests
{
    [Fact]
    public void AProjectReferenceListsEveryReplicaUnderServices()
    {
        var api = new ProjectResource("api", new Projects.AppHost());
        api.HttpEndpoints.Add(new Endpoint("http", "http", null) { Port = 5001 });
        api.HttpEndpoints.Add(new Endpoint("http", "http", null) { Port = 5002 });
        var client = new ExecutableResource("client", "sh", "/", []);
        client.References.Add(api);
        var environment = new Dictionary<string, string>();

        ServiceEnvironment.AddReferences(client, environment);

        Assert.Equal("http://localhost:5001", environment["services__api__http__0"]);
        Assert.Equal("http://localhost:5002", environment["services__api__http__1"]);
        Assert.Equal("http://localhost:5001", environment["API_HTTP"]);
    }

    [Fact]
    public void ConnectionPropertiesFollowAspireNaming()
    {
        var password = new SecretParameter("pg-password", true) { Value = "p@ss word" };
        var server = new PostgresServerResource("my-pg", "postgres", password, null);
        server.Endpoint.Port = 6543;
        var database = new PostgresDatabaseResource("my-db", "appdb", server);
        var client = new ExecutableResource("client", "sh", "/", []);
        client.References.Add(database);
        var environment = new Dictionary<string, string>();

        ServiceEnvironment.AddReferences(client, environment);

        Assert.Equal("Host=localhost;Port=6543;Username=postgres;Password=p@ss word;Database=appdb", environment["ConnectionStrings__my-db"]);
        Assert.Equal("localhost", environment["MY_DB_HOST"]);
        Assert.Equal("6543", environment["MY_DB_PORT"]);
        Assert.Equal("postgres", environment["MY_DB_USERNAME"]);
        Assert.Equal("p@ss word", environment["MY_DB_PASSWORD"]);
        Assert.Equal("appdb", environment["MY_DB_DATABASENAME"]);
        Assert.Equal("postgresql://postgres:p%40ss%20word@localhost:6543/appdb", environment["MY_DB_URI"]);
        Assert.Equal("jdbc:postgresql://localhost:6543/appdb", environment["MY_DB_JDBCCONNECTIONSTRING"]);
    }

    [Fact]
    public void MissingPostgresNamesWhatToInstall()
    {
        var error = Assert.Throws<DistributedApplicationException>(() => PostgresInstallation.Find(["/nonexistent/bin"]));
        Assert.Contains("PostgreSQL is not installed", error.Message);
        Assert.Contains("apt-get install postgresql", error.Message);
        Assert.Contains("ConnectionStrings__appdb", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1api")]
    [InlineData("api--x")]
    [InlineData("api_x")]
    public void InvalidResourceNamesAreRefused(string name)
    {
        var builder = global::AppHost.Orchestration.Testing.DistributedApplicationTestingBuilder.Create();
        var error = Assert.Throws<ArgumentException>(() => builder.AddRedis(name));
        Assert.Contains("is invalid", error.Message);
    }
}
