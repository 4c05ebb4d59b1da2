using System.Collections.Frozen;

namespace Api.Data.QueryCache;

/// <summary>
/// Decides by text, conservatively, whether a query is a single side-effect-free SELECT whose result depends
/// only on table contents (Hyperdrive's rule, plus PostgreSQL's own volatile and stable functions), and lists
/// the relations it reads. Results are memoized per SQL text: EF Core reuses the same text for a query shape.
/// </summary>
internal sealed class ReadAnalyzer
{
    /// <summary>The per-query opt-out: EF Core's <c>TagWith</c> writes it as a leading <c>-- </c> comment.</summary>
    public const string OptOutTag = "query-cache:off";

    // Functions whose result changes without any table changing (volatile or stable in PostgreSQL's terms),
    // and the SQL-standard keywords that behave like them without parentheses.
    private static readonly FrozenSet<string> VolatileFunctions = FrozenSet.ToFrozenSet(
    [
        "now", "current_timestamp", "current_date", "current_time", "localtime", "localtimestamp", "clock_timestamp",
        "statement_timestamp", "transaction_timestamp", "timeofday", "age", "random", "random_normal", "setseed",
        "gen_random_uuid", "uuidv4", "uuidv7", "uuid_generate_v1", "uuid_generate_v1mc", "uuid_generate_v4",
        "nextval", "currval", "lastval", "setval", "txid_current", "txid_current_if_assigned", "txid_current_snapshot",
        "current_user", "session_user", "current_role", "user", "current_schema", "current_schemas", "current_setting",
        "set_config", "inet_client_addr", "inet_client_port", "inet_server_addr", "inet_server_port", "version",
        "dblink", "lo_import", "lo_export", "to_char", "to_timestamp", "timezone",
    ]);

    private static readonly FrozenSet<string> KeywordFunctions = FrozenSet.ToFrozenSet(
    [
        "current_timestamp", "current_date", "current_time", "localtime", "localtimestamp", "current_user",
        "session_user", "current_role", "current_schema", "user",
    ]);

    // Families of functions that read server state rather than table contents.
    private static readonly string[] VolatilePrefixes = ["pg_", "txid_", "uuid_generate", "current_", "nextval", "dblink"];

    private static readonly FrozenSet<string> Writes = FrozenSet.ToFrozenSet(
        ["insert", "update", "delete", "merge", "truncate", "copy", "call", "do", "lock", "notify", "listen", "set", "into"]);

    private readonly AnalysisMemo<ReadAnalysis> memo = new(AnalyzeText);

    public ReadAnalysis Analyze(string sql) => memo.For(sql);

    private static ReadAnalysis AnalyzeText(string sql)
    {
        if (HasOptOutTag(sql))
        {
            return ReadAnalysis.Bypass(BypassReason.OptOut);
        }

        var tokens = SqlTokenizer.Tokenize(sql);
        if (tokens.Count == 0 || !(tokens[0].IsWord("select") || tokens[0].IsWord("with") || tokens[0].IsSymbol('(')))
        {
            return ReadAnalysis.Bypass(BypassReason.NotASelect);
        }

        // A trailing semicolon is harmless; one followed by anything is a second statement.
        var semicolon = tokens.FindIndex(token => token.IsSymbol(';'));
        if (semicolon >= 0 && semicolon < tokens.Count - 1)
        {
            return ReadAnalysis.Bypass(BypassReason.MultipleStatements);
        }

        var tables = new SortedSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var followedByParenthesis = i + 1 < tokens.Count && tokens[i + 1].IsSymbol('(');
            if (token.Kind == SqlTokenKind.Word)
            {
                if (Writes.Contains(token.Text))
                {
                    return ReadAnalysis.Bypass(BypassReason.NotASelect);
                }

                if (token.Text == "for" && i + 1 < tokens.Count && tokens[i + 1].Kind == SqlTokenKind.Word
                    && tokens[i + 1].Text is "update" or "share" or "no" or "key")
                {
                    return ReadAnalysis.Bypass(BypassReason.RowLocking);
                }

                if (IsVolatile(token.Text, followedByParenthesis))
                {
                    return ReadAnalysis.Bypass(BypassReason.VolatileFunction);
                }

                if (token.Text is "from" or "join")
                {
                    _ = SqlRelation.Read(tokens, i + 1, out var relation);
                    if (relation is not null)
                    {
                        tables.Add(relation);
                    }
                }
            }
            else if (token.Kind == SqlTokenKind.QuotedIdentifier && followedByParenthesis && IsVolatile(token.Text.ToLowerInvariant(), true))
            {
                return ReadAnalysis.Bypass(BypassReason.VolatileFunction);
            }
        }

        tables.Add(TableVersions.Everything);
        return new ReadAnalysis(null, [.. tables], QueryCacheKey.TextDigest(sql));
    }

    private static bool IsVolatile(string word, bool followedByParenthesis) =>
        followedByParenthesis
            ? VolatileFunctions.Contains(word) || VolatilePrefixes.Any(prefix => word.StartsWith(prefix, StringComparison.Ordinal))
            : KeywordFunctions.Contains(word);

    private static bool HasOptOutTag(string sql)
    {
        // EF Core puts tags first, one "-- " line each, before the statement.
        var span = sql.AsSpan();
        while (span.StartsWith("-- "))
        {
            var end = span.IndexOf('\n');
            var line = end < 0 ? span : span[..end];
            if (line.Contains(OptOutTag, StringComparison.Ordinal))
            {
                return true;
            }

            if (end < 0)
            {
                return false;
            }

            span = span[(end + 1)..];
        }

        return false;
    }
}
