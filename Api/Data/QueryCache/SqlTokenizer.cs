namespace Api.Data.QueryCache;

/// <summary>
/// Splits PostgreSQL text into the tokens the cache's analysis needs. Comments, string literals (plain, E'' and
/// dollar-quoted), numbers and parameter placeholders are skipped, so a word inside a literal can never make a
/// query look like a write or hide a function call.
/// </summary>
internal static class SqlTokenizer
{
    public static List<SqlToken> Tokenize(string sql)
    {
        var tokens = new List<SqlToken>();
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '-' && Next(sql, i) == '-')
            {
                i = SkipLineComment(sql, i);
            }
            else if (c == '/' && Next(sql, i) == '*')
            {
                i = SkipBlockComment(sql, i);
            }
            else if (c == '\'')
            {
                i = SkipQuoted(sql, i, backslashEscapes: i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e'));
            }
            else if (c == '"')
            {
                var end = SkipQuoted(sql, i, backslashEscapes: false);
                tokens.Add(new SqlToken(SqlTokenKind.QuotedIdentifier, sql[(i + 1)..Math.Max(i + 1, end - 1)].Replace("\"\"", "\"", StringComparison.Ordinal)));
                i = end;
            }
            else if (c == '$' && TryDollarTag(sql, i, out var tag))
            {
                var close = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                i = close < 0 ? sql.Length : close + tag.Length;
            }
            else if (c is '@' or '$' && i + 1 < sql.Length && char.IsLetterOrDigit(sql[i + 1]))
            {
                // A parameter placeholder (@p0, $1): a value, never a name.
                i = SkipWord(sql, i + 1);
            }
            else if (char.IsDigit(c))
            {
                i = SkipWord(sql, i);
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var end = SkipWord(sql, i);
                tokens.Add(new SqlToken(SqlTokenKind.Word, sql[i..end].ToLowerInvariant()));
                i = end;
            }
            else
            {
                tokens.Add(new SqlToken(SqlTokenKind.Symbol, c.ToString()));
                i++;
            }
        }

        return tokens;
    }

    private static char Next(string sql, int i) => i + 1 < sql.Length ? sql[i + 1] : '\0';

    private static int SkipWord(string sql, int i)
    {
        while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] is '_' or '$'))
        {
            i++;
        }

        return i;
    }

    private static int SkipLineComment(string sql, int i)
    {
        var end = sql.IndexOf('\n', i);
        return end < 0 ? sql.Length : end + 1;
    }

    // PostgreSQL block comments nest.
    private static int SkipBlockComment(string sql, int i)
    {
        var depth = 0;
        while (i < sql.Length)
        {
            if (sql[i] == '/' && Next(sql, i) == '*')
            {
                depth++;
                i += 2;
            }
            else if (sql[i] == '*' && Next(sql, i) == '/')
            {
                i += 2;
                if (--depth == 0)
                {
                    return i;
                }
            }
            else
            {
                i++;
            }
        }

        return i;
    }

    /// <summary>Returns the index after the closing quote; a doubled quote is an escaped one.</summary>
    private static int SkipQuoted(string sql, int start, bool backslashEscapes)
    {
        var quote = sql[start];
        var i = start + 1;
        while (i < sql.Length)
        {
            if (backslashEscapes && sql[i] == '\\')
            {
                i += 2;
            }
            else if (sql[i] == quote)
            {
                if (Next(sql, i) != quote)
                {
                    return i + 1;
                }

                i += 2;
            }
            else
            {
                i++;
            }
        }

        return sql.Length;
    }

    private static bool TryDollarTag(string sql, int start, out string tag)
    {
        var i = start + 1;
        while (i < sql.Length && (char.IsLetterOrDigit(sql[i]) || sql[i] == '_'))
        {
            i++;
        }

        tag = i < sql.Length && sql[i] == '$' && (i == start + 1 || !char.IsDigit(sql[start + 1])) ? sql[start..(i + 1)] : "";
        return tag.Length > 0;
    }
}
