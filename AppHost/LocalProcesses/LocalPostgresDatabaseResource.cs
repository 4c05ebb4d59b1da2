using System.Data.Common;

namespace AppHost.LocalProcesses;

/// <summary>
/// A database on a <see cref="LocalPostgresServerResource"/>, created once the server is healthy. Its connection string
/// and properties are those of Aspire's <see cref="PostgresDatabaseResource"/>.
/// </summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresServerResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresServerResource>, IResourceWithConnectionString
{
    public LocalPostgresServerResource Parent { get; } = parent;

    public string DatabaseName { get; } = databaseName;

    public ReferenceExpression ConnectionStringExpression =>
        ReferenceExpression.Create($"{Parent};{new DbConnectionStringBuilder { ["Database"] = DatabaseName }.ConnectionString}");

    IEnumerable<KeyValuePair<string, ReferenceExpression>> IResourceWithConnectionString.GetConnectionProperties() =>
        Parent.CombineProperties([
            new("DatabaseName", ReferenceExpression.Create($"{DatabaseName}")),
            new("Uri", Parent.BuildUri(DatabaseName)),
            new("JdbcConnectionString", Parent.BuildJdbcConnectionString(DatabaseName)),
        ]);
}
