using System.Data.Common;

namespace Api.Data.QueryCache;

/// <summary>Reads a live data reader to the end into a <see cref="BufferedResult"/>.</summary>
internal static class ResultBuffering
{
    /// <summary>
    /// <see cref="BufferedResult.SizeInBytes"/> tells the caller whether it is over the cache's size cap; the rows
    /// are returned to the query either way. The columns are <paramref name="analysis"/>'s last ones when they are
    /// the same: every result of one SQL text then shares one description of them.
    /// </summary>
    public static async Task<BufferedResult> ReadAllAsync(DbDataReader reader, ReadAnalysis analysis, CancellationToken cancellationToken)
    {
        var columns = analysis.LastColumns is { } last && Describes(last, reader) ? last : Columns(reader);
        analysis.LastColumns = columns;

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
        return new BufferedResult(columns, [.. rows], reader.RecordsAffected, size);
    }

    private static ResultColumn[] Columns(DbDataReader reader)
    {
        var columns = new ResultColumn[reader.FieldCount];
        for (var i = 0; i < columns.Length; i++)
        {
            columns[i] = new ResultColumn(reader.GetName(i), reader.GetFieldType(i), reader.GetDataTypeName(i));
        }

        return columns;
    }

    private static bool Describes(ResultColumn[] columns, DbDataReader reader)
    {
        if (columns.Length != reader.FieldCount)
        {
            return false;
        }

        for (var i = 0; i < columns.Length; i++)
        {
            var column = columns[i];
            if (column.FieldType != reader.GetFieldType(i) || column.Name != reader.GetName(i) || column.DataTypeName != reader.GetDataTypeName(i))
            {
                return false;
            }
        }

        return true;
    }

    private static long EstimateSize(object? value) => value switch
    {
        null => 8,
        string text => 24 + (2L * text.Length),
        byte[] bytes => 24 + bytes.Length,
        _ => 24,
    };
}
