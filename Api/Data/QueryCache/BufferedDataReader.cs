using System.Collections;
using System.Data.Common;
using System.Globalization;

namespace Api.Data.QueryCache;

/// <summary>
/// Replays a <see cref="BufferedResult"/> as the data reader EF Core materializes from. Values are converted the way
/// Npgsql's reader converts them when EF asks for a type other than the column's default (timestamptz is buffered
/// as a UTC DateTime and read back as a DateTimeOffset).
/// </summary>
internal sealed class BufferedDataReader(BufferedResult result) : DbDataReader
{
    private int row = -1;
    private bool closed;

    public override int FieldCount => result.Columns.Length;

    public override bool HasRows => result.Rows.Length > 0;

    public override bool IsClosed => closed;

    public override int RecordsAffected => result.RecordsAffected;

    public override int Depth => 0;

    public override object this[int ordinal] => GetValue(ordinal);

    public override object this[string name] => GetValue(GetOrdinal(name));

    public override bool Read() => ++row < result.Rows.Length;

    public override Task<bool> ReadAsync(CancellationToken cancellationToken) => Read() ? TrueTask : FalseTask;

    public override bool NextResult() => false;

    public override Task<bool> NextResultAsync(CancellationToken cancellationToken) => FalseTask;

    public override void Close() => closed = true;

    public override string GetName(int ordinal) => result.Columns[ordinal].Name;

    public override int GetOrdinal(string name)
    {
        for (var i = 0; i < result.Columns.Length; i++)
        {
            if (string.Equals(result.Columns[i].Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(name), $"No column is named '{name}'.");
    }

    public override Type GetFieldType(int ordinal) => result.Columns[ordinal].FieldType;

    public override string GetDataTypeName(int ordinal) => result.Columns[ordinal].DataTypeName;

    public override bool IsDBNull(int ordinal) => Current[ordinal] is null;

    public override Task<bool> IsDBNullAsync(int ordinal, CancellationToken cancellationToken) => IsDBNull(ordinal) ? TrueTask : FalseTask;

    public override object GetValue(int ordinal) => Current[ordinal] ?? DBNull.Value;

    public override int GetValues(object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var count = Math.Min(values.Length, FieldCount);
        for (var i = 0; i < count; i++)
        {
            values[i] = GetValue(i);
        }

        return count;
    }

    public override T GetFieldValue<T>(int ordinal)
    {
        var value = Current[ordinal];
        return value switch
        {
            T typed => typed,
            null when default(T) is null => default!,
            null => throw new InvalidCastException($"Column '{GetName(ordinal)}' is null."),
            DateTime dateTime when typeof(T) == typeof(DateTimeOffset) => (T)(object)new DateTimeOffset(dateTime),
            _ => (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), CultureInfo.InvariantCulture),
        };
    }

    public override Task<T> GetFieldValueAsync<T>(int ordinal, CancellationToken cancellationToken) => Task.FromResult(GetFieldValue<T>(ordinal));

    public override bool GetBoolean(int ordinal) => GetFieldValue<bool>(ordinal);

    public override byte GetByte(int ordinal) => GetFieldValue<byte>(ordinal);

    public override char GetChar(int ordinal) => GetFieldValue<char>(ordinal);

    public override DateTime GetDateTime(int ordinal) => GetFieldValue<DateTime>(ordinal);

    public override decimal GetDecimal(int ordinal) => GetFieldValue<decimal>(ordinal);

    public override double GetDouble(int ordinal) => GetFieldValue<double>(ordinal);

    public override float GetFloat(int ordinal) => GetFieldValue<float>(ordinal);

    public override Guid GetGuid(int ordinal) => GetFieldValue<Guid>(ordinal);

    public override short GetInt16(int ordinal) => GetFieldValue<short>(ordinal);

    public override int GetInt32(int ordinal) => GetFieldValue<int>(ordinal);

    public override long GetInt64(int ordinal) => GetFieldValue<long>(ordinal);

    public override string GetString(int ordinal) => GetFieldValue<string>(ordinal);

    public override long GetBytes(int ordinal, long dataOffset, byte[]? buffer, int bufferOffset, int length) =>
        CopySpan(GetFieldValue<byte[]>(ordinal), dataOffset, buffer, bufferOffset, length);

    public override long GetChars(int ordinal, long dataOffset, char[]? buffer, int bufferOffset, int length) =>
        CopySpan(GetFieldValue<string>(ordinal).ToCharArray(), dataOffset, buffer, bufferOffset, length);

    public override IEnumerator GetEnumerator() => new DbEnumerator(this);

    private static readonly Task<bool> TrueTask = Task.FromResult(true);
    private static readonly Task<bool> FalseTask = Task.FromResult(false);

    private object?[] Current => row >= 0 && row < result.Rows.Length
        ? result.Rows[row]
        : throw new InvalidOperationException("No current row: call Read first.");

    private static long CopySpan<T>(T[] source, long dataOffset, T[]? buffer, int bufferOffset, int length)
    {
        if (buffer is null)
        {
            return source.Length;
        }

        var count = (int)Math.Max(0, Math.Min(length, source.Length - dataOffset));
        Array.Copy(source, dataOffset, buffer, bufferOffset, count);
        return count;
    }
}
