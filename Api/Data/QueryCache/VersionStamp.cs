namespace Api.Data.QueryCache;

/// <summary>
/// The versions of the tables a query read, taken before it ran. The cached result is valid while every one of them
/// is unchanged: a write that committed after the stamp was taken (even while the query was running) raises a
/// version, so a result that may predate it is never served as fresh.
/// </summary>
internal sealed class VersionStamp(string[] tables, long[] versions)
{
    public string[] Tables { get; } = tables;

    public long[] Versions { get; } = versions;
}
