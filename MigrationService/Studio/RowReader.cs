using Npgsql;

namespace MigrationService.Studio;

/// <summary>Rows as PostgreSQL prints them (every value as text or null), ready for JSON.</summary>
internal static class RowReader
{
    public sealed record Rows(IReadOnlyList<string> Columns, IReadOnlyList<string?[]> Values, bool Truncated);

    public static async Task<Rows> ReadAsync(NpgsqlCommand command, int limit, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await ReadAsync(reader, limit, cancellationToken);
    }

    public static async Task<Rows> ReadAsync(NpgsqlDataReader reader, int limit, CancellationToken cancellationToken)
    {
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var values = new List<string?[]>();
        var truncated = false;
        while (await reader.ReadAsync(cancellationToken))
        {
            if (values.Count == limit)
            {
                truncated = true;
                break;
            }

            var row = new string?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : Text(reader.GetValue(i));
            }

            values.Add(row);
        }

        return new Rows(columns, values, truncated);
    }

    private static string Text(object value) => value switch
    {
        DateTime time => time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        Array array => "{" + string.Join(",", array.Cast<object?>().Select(v => v is null ? "NULL" : Text(v))) + "}",
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
