namespace Api.Data.QueryCache;

/// <summary>What the cache needs to know about one SQL text: may it be cached, and which tables it reads.</summary>
internal sealed record ReadAnalysis(string? BypassReason, string[] TablesRead)
{
    public bool IsCacheable => BypassReason is null;

    public static ReadAnalysis Bypass(string reason) => new(reason, []);
}
