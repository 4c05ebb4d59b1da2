using System.Collections.Concurrent;

namespace Api.Data.QueryCache;

/// <summary>
/// This instance's view of each table's version (a generation number kept in the cache server and raised by every
/// committed write). Versions only ever go up here, whichever order the raises arrive in.
/// </summary>
internal sealed class TableVersions
{
    /// <summary>The pseudo-table every result depends on: raised by a write whose tables could not be named.</summary>
    public const string Everything = "*";

    private readonly ConcurrentDictionary<string, long> versions = new(StringComparer.Ordinal);

    public long this[string table] => versions.TryGetValue(table, out var version) ? version : 0;

    /// <summary>
    /// The versions of <paramref name="tables"/> now: <paramref name="reusable"/> itself when it holds exactly those,
    /// so results read between the same writes share one stamp rather than each keeping its own for minutes in L1.
    /// </summary>
    public VersionStamp Capture(string[] tables, VersionStamp? reusable) =>
        reusable is not null && reusable.Tables == tables && IsCurrent(reusable) ? reusable : Capture(tables);

    public VersionStamp Capture(string[] tables)
    {
        var stamp = new long[tables.Length];
        for (var i = 0; i < tables.Length; i++)
        {
            stamp[i] = this[tables[i]];
        }

        return new VersionStamp(tables, stamp);
    }

    public bool IsCurrent(VersionStamp stamp)
    {
        for (var i = 0; i < stamp.Tables.Length; i++)
        {
            if (this[stamp.Tables[i]] != stamp.Versions[i])
            {
                return false;
            }
        }

        return true;
    }

    public void Raise(string table, long version) =>
        versions.AddOrUpdate(table, version, (_, current) => Math.Max(current, version));
}
