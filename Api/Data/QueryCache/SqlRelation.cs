namespace Api.Data.QueryCache;

internal static class SqlRelation
{
    /// <summary>
    /// Reads the relation named at <paramref name="i"/> (after an optional ONLY, schema-qualified or not) and returns
    /// the index after it; the name is null when none stands there (a subquery, say).
    /// </summary>
    public static int Read(List<SqlToken> tokens, int i, out string? name)
    {
        name = null;
        if (i < tokens.Count && (tokens[i].IsWord("only") || tokens[i].IsWord("lateral")))
        {
            i++;
        }

        if (i >= tokens.Count || !tokens[i].IsIdentifier)
        {
            return i;
        }

        name = tokens[i].Text;
        while (i + 2 < tokens.Count && tokens[i + 1].IsSymbol('.') && tokens[i + 2].IsIdentifier)
        {
            i += 2;
            name = tokens[i].Text;
        }

        return i + 1;
    }
}
