namespace AppHost.Orchestration;

public static class PostgresBuilderExtensions
{
    /// <summary>
    /// A PostgreSQL server from the machine's installation, with a generated <c>{name}-password</c>
    /// and scram-sha-256 authentication, as Aspire's Postgres container is configured.
    /// </summary>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(
        this DistributedApplicationBuilder builder, string name, string userName = "postgres", int? port = null)
    {
        var password = new SecretParameter($"{name}-password", allowSpecialCharacters: true);
        return builder.AddResource(new PostgresServerResource(name, userName, password, port));
    }

    /// <summary>A database created (<c>CREATE DATABASE</c>, "already exists" ignored) once the server is ready.</summary>
    public static IResourceBuilder<PostgresDatabaseResource> AddDatabase(
        this IResourceBuilder<PostgresServerResource> server, string name, string? databaseName = null)
    {
        var database = new PostgresDatabaseResource(name, databaseName ?? name, server.Resource);
        server.Resource.Databases.Add(database);
        return server.ApplicationBuilder.AddResource(database);
    }

    /// <summary>Keep the server's data in the AppHost's state folder between runs.</summary>
    public static IResourceBuilder<PostgresServerResource> WithDataVolume(this IResourceBuilder<PostgresServerResource> server)
    {
        server.Resource.PersistData = true;
        return server;
    }
}
