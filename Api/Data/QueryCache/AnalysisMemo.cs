using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Api.Data.QueryCache;

/// <summary>
/// Remembers an analysis per SQL text: EF Core reuses the same text for every run of a query shape, so the tokenizer
/// runs once per shape. Bounded, so an application building SQL by concatenation cannot grow it without end. The
/// very string instance that was analyzed is also found by reference, without hashing its text: EF Core sends that
/// same instance on every later run of the shape.
/// </summary>
internal sealed class AnalysisMemo<T>(Func<string, T> analyze)
    where T : class
{
    private const int MemoizedTextsLimit = 10_000;

    private readonly ConcurrentDictionary<string, T> memo = new(StringComparer.Ordinal);

    // Weak: an entry goes when its string does; only first-analyzed instances are added, so it is no bigger than memo.
    private readonly ConditionalWeakTable<string, T> byInstance = [];

    public T For(string sql)
    {
        if (byInstance.TryGetValue(sql, out var same) || memo.TryGetValue(sql, out same))
        {
            return same;
        }

        var analysis = analyze(sql);
        if (memo.Count < MemoizedTextsLimit && memo.TryAdd(sql, analysis))
        {
            byInstance.TryAdd(sql, analysis);
        }

        return analysis;
    }
}
