namespace Api.Data.QueryCache;

/// <summary>
/// A query's complete result, read once from PostgreSQL and replayed to any number of readers. Rows are never
/// mutated after buffering, so one instance is shared by the L1 cache and every concurrent reader.
/// </summary>
/// <remarks>Arrays, not lists: a result may be held for minutes, and each object it holds is work for every garbage collection meanwhile.</remarks>
internal sealed class BufferedResult(ResultColumn[] columns, object?[][] rows, int recordsAffected, long sizeInBytes)
{
    public ResultColumn[] Columns { get; } = columns;

    public object?[][] Rows { get; } = rows;

    public int RecordsAffected { get; } = recordsAffected;

    /// <summary>An estimate of the memory it holds (the serialized size when it came from L2).</summary>
    public long SizeInBytes { get; } = sizeInBytes;
}
