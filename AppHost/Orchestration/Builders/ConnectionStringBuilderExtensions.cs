namespace AppHost.Orchestration;

public static class ConnectionStringBuilderExtensions
{
    /// <summary>
    /// Use an existing server: the connection string comes from the AppHost's configuration
    /// (<c>ConnectionStrings:{name}</c>, e.g. the <c>ConnectionStrings__appdb</c> environment variable).
    /// </summary>
    public static IResourceBuilder<ConnectionStringResource> AddConnectionString(this DistributedApplicationBuilder builder, string name)
    {
        var connectionString = builder.Configuration[$"ConnectionStrings:{name}"];
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new DistributedApplicationException(
                $"ConnectionStrings:{name} is not set: set the environment variable ConnectionStrings__{name} or add it to AppHost/appsettings.json.");
        }

        return builder.AddResource(new ConnectionStringResource(name, connectionString));
    }
}
