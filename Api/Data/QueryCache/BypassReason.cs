namespace Api.Data.QueryCache;

/// <summary>Why a query went to PostgreSQL untouched; the value is the metric/span tag.</summary>
internal static class BypassReason
{
    public const string OptOut = "opt-out";
    public const string Transaction = "transaction";
    public const string NotASelect = "not-select";
    public const string MultipleStatements = "multiple-statements";
    public const string VolatileFunction = "volatile-function";
    public const string RowLocking = "row-locking";
    public const string TooLarge = "too-large";
    public const string UnsupportedType = "unsupported-type";
    public const string CacheUnavailable = "cache-unavailable";
    public const string RequestNoCache = "request-no-cache";
}
