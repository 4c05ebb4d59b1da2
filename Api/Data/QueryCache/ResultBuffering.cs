using System.Data.Common;

namespace Api.Data.QueryCache;

/// <summary>Reads a live data reader to the end into a <see cref="BufferedResult"/>.</summary>
internal static class ResultBuffering
{
    /// <summary>
    /// <see cref="BufferedResult.SizeInBytes"/> tells the caller whether it is over the cache's size cap; the rows
    /// are returned to the query either way.
    /// </summary>
    public static async Task<BufferedResult> ReadAllAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var columns = new ResultColumn[reader.FieldCount];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = new ResultColumn(reader.GetName(i), reader.GetFieldType(i), reader.GetDataTypeName(i));
        }

        var rows = new List<object?[]>();
        long size = 64;
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[columns.Length];
            for (var i = 0; i < row.Length; i++)
            {
                var value = reader.IsDBNull(i) ? null : reader.GetValue(i);
                row[i] = value;
                size += EstimateSize(value);
            }

            rows.Add(row);
        }

        // One result set only: the read analysis lets no command of several statements through.
        return new BufferedResult(columns, rows, reader.RecordsAffected, size);
    }

    private static long EstimateSize(object? value) => value switch
    {
        null => 8,
        string text => 24 + (2L * text.Length),
        byte[] bytes => 24 + bytes.Length,
        _ => 24,
    };
}
