using System.Collections.Frozen;

namespace Api.Data.QueryCache;

/// <summary>
/// Learns from a command's text which tables it writes: INSERT INTO, UPDATE, DELETE FROM, MERGE INTO and TRUNCATE
/// anywhere in the text (EF Core batches several statements in one command, and a CTE can write). Plain reads
/// write nothing; any other statement is assumed to change anything. Memoized per text like the read analysis.
/// </summary>
internal sealed class WriteAnalyzer
{
    // Statements that change no table contents.
    private static readonly FrozenSet<string> Harmless = FrozenSet.ToFrozenSet(
    [
        "select", "with", "values", "table", "show", "explain", "begin", "start", "commit", "end", "rollback",
        "savepoint", "release", "set", "reset", "discard", "listen", "unlisten", "notify", "prepare", "execute",
        "deallocate", "fetch", "move", "close", "declare", "lock", "analyze", "vacuum", "checkpoint",
    ]);

    private readonly AnalysisMemo<WriteAnalysis> memo = new(AnalyzeText);

    public WriteAnalysis Analyze(string sql) => memo.For(sql);

    private static WriteAnalysis AnalyzeText(string sql)
    {
        var tokens = SqlTokenizer.Tokenize(sql);
        var written = new SortedSet<string>(StringComparer.Ordinal);
        var deleted = new SortedSet<string>(StringComparer.Ordinal);
        var statementStart = true;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (token.IsSymbol(';'))
            {
                statementStart = true;
                continue;
            }

            if (statementStart && token.Kind == SqlTokenKind.Word && !Harmless.Contains(token.Text)
                && token.Text is not ("insert" or "update" or "delete" or "merge" or "truncate"))
            {
                return WriteAnalysis.All;
            }

            statementStart = false;
            if (token.Kind != SqlTokenKind.Word)
            {
                continue;
            }

            switch (token.Text)
            {
                case "insert" or "merge" when Next(tokens, i).IsWord("into"):
                    AddRelation(tokens, i + 2, written);
                    break;
                case "update" when !Previous(tokens, i).IsWord("do") && !Previous(tokens, i).IsWord("for") && !Previous(tokens, i).IsWord("key"):
                    AddRelation(tokens, i + 1, written);
                    break;
                case "delete" when Next(tokens, i).IsWord("from"):
                    AddRelation(tokens, i + 2, deleted);
                    break;
                case "truncate":
                    AddTruncated(tokens, i + 1, deleted);
                    break;
            }
        }

        written.UnionWith(deleted);
        return written.Count == 0 ? WriteAnalysis.None : new WriteAnalysis([.. written], [.. deleted], false);
    }

    private static SqlToken Next(List<SqlToken> tokens, int i) => i + 1 < tokens.Count ? tokens[i + 1] : default;

    private static SqlToken Previous(List<SqlToken> tokens, int i) => i > 0 ? tokens[i - 1] : default;

    private static int AddRelation(List<SqlToken> tokens, int i, SortedSet<string> tables)
    {
        var next = SqlRelation.Read(tokens, i, out var name);
        if (name is not null)
        {
            tables.Add(name);
        }

        return next;
    }

    private static void AddTruncated(List<SqlToken> tokens, int i, SortedSet<string> tables)
    {
        if (i < tokens.Count && tokens[i].IsWord("table"))
        {
            i++;
        }

        do
        {
            i = AddRelation(tokens, i, tables);
        }
        while (i < tokens.Count && tokens[i].IsSymbol(',') && ++i < tokens.Count);
    }
}
