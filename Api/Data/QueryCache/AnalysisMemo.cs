using System.Collections.Concurrent;

namespace Api.Data.QueryCache;

/// <summary>
/// Remembers an analysis per SQL text: EF Core reuses the same text for every run of a query shape, so the tokenizer
/// runs once per shape. Bounded, so an application building SQL by concatenation cannot grow it without end.
/// </summary>
internal sealed class AnalysisMemo<T>(Func<string, T> analyze)
{
    private const int MemoizedTextsLimit = 10_000;

    private readonly ConcurrentDictionary<string, T> memo = new(StringComparer.Ordinal);

    public T For(string sql)
    {
        if (memo.TryGetValue(sql, out var known))
        {
            return known;
        }

        var analysis = analyze(sql);
        if (memo.Count < MemoizedTextsLimit)
        {
            memo.TryAdd(sql, analysis);
        }

        return analysis;
    }
}
