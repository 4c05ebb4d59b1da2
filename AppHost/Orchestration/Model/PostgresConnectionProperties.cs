namespace AppHost.Orchestration;

/// <summary>The connection properties Aspire 13 gives for a PostgreSQL server or database reference.</summary>
internal static class PostgresConnectionProperties
{
    public static IReadOnlyDictionary<string, string> For(PostgresServerResource server, string? databaseName)
    {
        if (server.Endpoint.Port is not { } port)
        {
            return new Dictionary<string, string>();
        }

        var host = server.Endpoint.Host;
        var credentials = $"{Uri.EscapeDataString(server.UserName)}:{Uri.EscapeDataString(server.Password.Value)}";
        var path = databaseName is null ? "" : "/" + Uri.EscapeDataString(databaseName);
        var properties = new Dictionary<string, string>
        {
            ["HOST"] = host,
            ["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["USERNAME"] = server.UserName,
            ["PASSWORD"] = server.Password.Value,
            ["URI"] = $"postgresql://{credentials}@{host}:{port}{path}",
            ["JDBCCONNECTIONSTRING"] = $"jdbc:postgresql://{host}:{port}{path}",
        };
        if (databaseName is not null)
        {
            properties["DATABASENAME"] = databaseName;
        }

        return properties;
    }
}
