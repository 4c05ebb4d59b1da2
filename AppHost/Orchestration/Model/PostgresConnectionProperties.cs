namespace AppHost.Orchestration;

/// <summary>The connection properties Aspire 13 gives for a PostgreSQL server or database reference.</summary>
internal static class PostgresConnectionProperties
{
    public static IReadOnlyDictionary<string, string> For(PostgresServerResource server, string? databaseName, ConnectionParts parts)
    {
        var credentials = $"{Uri.EscapeDataString(server.UserName)}:{parts.PasswordInUri}";
        var path = databaseName is null ? "" : "/" + Uri.EscapeDataString(databaseName);
        var properties = new Dictionary<string, string>
        {
            ["HOST"] = parts.Host,
            ["PORT"] = parts.Port,
            ["USERNAME"] = server.UserName,
            ["PASSWORD"] = parts.Password,
            ["URI"] = $"postgresql://{credentials}@{parts.Host}:{parts.Port}{path}",
            ["JDBCCONNECTIONSTRING"] = $"jdbc:postgresql://{parts.Host}:{parts.Port}{path}",
        };
        if (databaseName is not null)
        {
            properties["DATABASENAME"] = databaseName;
        }

        return properties;
    }
}
