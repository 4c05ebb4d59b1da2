namespace Api.Data.QueryCache;

/// <summary>
/// Tables a command may have changed. <see cref="Everything"/> when the text changes something the analysis cannot
/// name (DDL, CALL, DO, COPY ...): every cached result is then invalidated.
/// </summary>
internal sealed record WriteAnalysis(string[] Tables, string[] DeletedFrom, bool Everything)
{
    public static readonly WriteAnalysis None = new([], [], false);

    public static readonly WriteAnalysis All = new([], [], true);

    public bool IsWrite => Everything || Tables.Length > 0;
}
