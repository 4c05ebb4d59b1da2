namespace Api.Data.QueryCache;

/// <summary>
/// What the cache needs to know about one SQL text: may it be cached, which tables it reads, and the text's part of
/// the key (<see cref="QueryCacheKey.TextDigest"/>; empty when it is not cached).
/// </summary>
internal sealed record ReadAnalysis(string? BypassReason, string[] TablesRead, string TextDigest)
{
    public bool IsCacheable => BypassReason is null;

    /// <summary>
    /// The columns of this text's last buffered result, shared by the next one that has the same (see
    /// <see cref="ResultBuffering"/>). Replaced whole, never changed: a reader holding the old array keeps a valid one.
    /// </summary>
    public ResultColumn[]? LastColumns { get; set; }

    /// <summary>The version stamp of this text's last run, reused by the next one while still current (see <see cref="TableVersions.Capture(string[], VersionStamp?)"/>).</summary>
    public VersionStamp? LastStamp { get; set; }

    public static ReadAnalysis Bypass(string reason) => new(reason, [], "");
}
