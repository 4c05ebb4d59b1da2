using Npgsql;

namespace Api.Data.QueryCache;

/// <summary>
/// The names on the cache server. The database the cached handle reads is part of every one: two applications sharing
/// one cache server but not one database never see each other's results or invalidations. The stored results and the
/// announcements of them also carry <see cref="QueryCacheOptions.SchemaVersion"/>, so that two releases of one
/// application on one database share invalidations (the table versions) but never each other's rows.
/// </summary>
internal sealed class CacheNamespace(NpgsqlDataSource dataSource, QueryCacheOptions options)
{
    public string Database { get; } = Describe(dataSource.ConnectionString);

    public string Prefix => field ??= $"querycache:{Database}:";

    public string EntryKey(string key) => string.Concat(EntryPrefix, key);

    public string VersionsKey => Prefix + "versions";

    public string InvalidationChannel => Prefix + "invalidations";

    /// <summary>Where instances announce the results they stored (see <see cref="SharedEntryDirectory"/>).</summary>
    public string StoredAnnouncementChannel => field ??= SchemaPrefix + "entries";

    /// <summary>Where instances announce the results they read without storing them.</summary>
    public string ReadAnnouncementChannel => field ??= SchemaPrefix + "reads";

    private string EntryPrefix => field ??= Prefix + "e:" + SchemaPart;

    private string SchemaPrefix => Prefix + SchemaPart;

    private string SchemaPart => options.SchemaVersion.Length == 0 ? "" : options.SchemaVersion + ":";

    private static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
