using Npgsql;

namespace Api.Data.QueryCache;

/// <summary>
/// The database the cached handle reads, as part of every key and every cache-server name: two applications
/// sharing one cache server but not one database never see each other's results or invalidations.
/// </summary>
internal sealed class CacheNamespace(NpgsqlDataSource dataSource)
{
    public string Database { get; } = Describe(dataSource.ConnectionString);

    public string Prefix => field ??= $"querycache:{Database}:";

    public string EntryKey(string key) => string.Concat(EntryPrefix, key);

    public string VersionsKey => Prefix + "versions";

    public string InvalidationChannel => Prefix + "invalidations";

    private string EntryPrefix => field ??= Prefix + "e:";

    private static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
