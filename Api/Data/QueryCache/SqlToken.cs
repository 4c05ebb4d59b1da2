namespace Api.Data.QueryCache;

internal enum SqlTokenKind
{
    /// <summary>An unquoted word (keyword, identifier or function name), lowercased.</summary>
    Word,

    /// <summary>A double-quoted identifier, unquoted and case kept.</summary>
    QuotedIdentifier,

    /// <summary>Any other character that matters to the analysis: ( ) , ; . and operators.</summary>
    Symbol,
}

internal readonly record struct SqlToken(SqlTokenKind Kind, string Text)
{
    public bool IsWord(string word) => Kind == SqlTokenKind.Word && Text == word;

    public bool IsSymbol(char symbol) => Kind == SqlTokenKind.Symbol && Text.Length == 1 && Text[0] == symbol;

    public bool IsIdentifier => Kind is SqlTokenKind.Word or SqlTokenKind.QuotedIdentifier;
}
