using System.Text;

namespace Api.Data.QueryCache;

/// <summary>
/// The L2 (Redis) form of a <see cref="CacheEntry"/>: a compact binary layout with a type code per value, so values
/// come back with the CLR types Npgsql produced. A result holding a type not listed here is not cached.
/// </summary>
internal static class CacheEntrySerializer
{
    private const byte FormatVersion = 1;

    private enum Code : byte
    {
        Null, String, Int32, Int64, Boolean, DateTime, Double, Decimal, Guid, Bytes, Int16, Single, DateTimeOffset, Char,
        TimeSpan, DateOnly, TimeOnly,
    }

    private static readonly Dictionary<Type, Code> CodeOfType = new()
    {
        [typeof(string)] = Code.String, [typeof(int)] = Code.Int32, [typeof(long)] = Code.Int64,
        [typeof(bool)] = Code.Boolean, [typeof(DateTime)] = Code.DateTime, [typeof(double)] = Code.Double,
        [typeof(decimal)] = Code.Decimal, [typeof(Guid)] = Code.Guid, [typeof(byte[])] = Code.Bytes,
        [typeof(short)] = Code.Int16, [typeof(float)] = Code.Single, [typeof(DateTimeOffset)] = Code.DateTimeOffset,
        [typeof(char)] = Code.Char, [typeof(TimeSpan)] = Code.TimeSpan, [typeof(DateOnly)] = Code.DateOnly,
        [typeof(TimeOnly)] = Code.TimeOnly,
    };

    private static readonly Dictionary<Code, Type> TypeOfCode = CodeOfType.ToDictionary(pair => pair.Value, pair => pair.Key);

    /// <summary>Whether every column holds a type this serializer round-trips.</summary>
    public static bool CanSerialize(BufferedResult result) => result.Columns.All(column => CodeOfType.ContainsKey(column.FieldType));

    // One buffer and writer per thread, reused: serializing never awaits, and every miss's result is serialized.
    [ThreadStatic]
    private static BinaryWriter? threadWriter;

    public static byte[] Serialize(CacheEntry entry)
    {
        var writer = threadWriter ??= new BinaryWriter(new MemoryStream(), Encoding.UTF8);
        var stream = (MemoryStream)writer.BaseStream;
        stream.SetLength(0);
        writer.Write(FormatVersion);
        writer.Write(entry.CreatedAt.UtcTicks);
        writer.Write(entry.Stamp.Tables.Length);
        for (var i = 0; i < entry.Stamp.Tables.Length; i++)
        {
            writer.Write(entry.Stamp.Tables[i]);
            writer.Write(entry.Stamp.Versions[i]);
        }

        var result = entry.Result;
        writer.Write(result.RecordsAffected);
        writer.Write(result.Columns.Length);
        foreach (var column in result.Columns)
        {
            writer.Write(column.Name);
            writer.Write((byte)CodeOfType[column.FieldType]);
            writer.Write(column.DataTypeName);
        }

        writer.Write(result.Rows.Length);
        foreach (var row in result.Rows)
        {
            foreach (var value in row)
            {
                WriteValue(writer, value);
            }
        }

        writer.Flush();
        var bytes = stream.ToArray();
        if (stream.Capacity > 64 * 1024)
        {
            threadWriter = null; // a large result's buffer is not kept for the thread's lifetime
        }

        return bytes;
    }

    /// <summary>Null when the bytes are not an entry of this format (written by another version of the API).</summary>
    public static CacheEntry? Deserialize(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false), Encoding.UTF8);
        if (bytes.Length == 0 || reader.ReadByte() != FormatVersion)
        {
            return null;
        }

        var createdAt = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
        var tables = new string[reader.ReadInt32()];
        var versions = new long[tables.Length];
        for (var i = 0; i < tables.Length; i++)
        {
            tables[i] = reader.ReadString();
            versions[i] = reader.ReadInt64();
        }

        var recordsAffected = reader.ReadInt32();
        var columns = new ResultColumn[reader.ReadInt32()];
        for (var i = 0; i < columns.Length; i++)
        {
            var name = reader.ReadString();
            var type = TypeOfCode[(Code)reader.ReadByte()];
            columns[i] = new ResultColumn(name, type, reader.ReadString());
        }

        var rows = new object?[reader.ReadInt32()][];
        for (var r = 0; r < rows.Length; r++)
        {
            var row = new object?[columns.Length];
            for (var c = 0; c < row.Length; c++)
            {
                row[c] = ReadValue(reader);
            }

            rows[r] = row;
        }

        return new CacheEntry(new BufferedResult(columns, rows, recordsAffected, bytes.Length), new VersionStamp(tables, versions), createdAt, onCacheServer: true);
    }

    private static void WriteValue(BinaryWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.Write((byte)Code.Null); break;
            case string v: writer.Write((byte)Code.String); writer.Write(v); break;
            case int v: writer.Write((byte)Code.Int32); writer.Write(v); break;
            case long v: writer.Write((byte)Code.Int64); writer.Write(v); break;
            case bool v: writer.Write((byte)Code.Boolean); writer.Write(v); break;
            case DateTime v: writer.Write((byte)Code.DateTime); writer.Write(v.ToBinary()); break;
            case double v: writer.Write((byte)Code.Double); writer.Write(v); break;
            case decimal v: writer.Write((byte)Code.Decimal); writer.Write(v); break;
            case Guid v: writer.Write((byte)Code.Guid); writer.Write(v.ToByteArray()); break;
            case byte[] v: writer.Write((byte)Code.Bytes); writer.Write(v.Length); writer.Write(v); break;
            case short v: writer.Write((byte)Code.Int16); writer.Write(v); break;
            case float v: writer.Write((byte)Code.Single); writer.Write(v); break;
            case DateTimeOffset v: writer.Write((byte)Code.DateTimeOffset); writer.Write(v.UtcTicks); writer.Write((short)v.Offset.TotalMinutes); break;
            case char v: writer.Write((byte)Code.Char); writer.Write(v); break;
            case TimeSpan v: writer.Write((byte)Code.TimeSpan); writer.Write(v.Ticks); break;
            case DateOnly v: writer.Write((byte)Code.DateOnly); writer.Write(v.DayNumber); break;
            case TimeOnly v: writer.Write((byte)Code.TimeOnly); writer.Write(v.Ticks); break;
            default: throw new NotSupportedException($"A {value.GetType().Name} value cannot be stored in the query cache.");
        }
    }

    private static object? ReadValue(BinaryReader reader) => (Code)reader.ReadByte() switch
    {
        Code.Null => null,
        Code.String => reader.ReadString(),
        Code.Int32 => reader.ReadInt32(),
        Code.Int64 => reader.ReadInt64(),
        Code.Boolean => reader.ReadBoolean(),
        Code.DateTime => DateTime.FromBinary(reader.ReadInt64()),
        Code.Double => reader.ReadDouble(),
        Code.Decimal => reader.ReadDecimal(),
        Code.Guid => new Guid(reader.ReadBytes(16)),
        Code.Bytes => reader.ReadBytes(reader.ReadInt32()),
        Code.Int16 => reader.ReadInt16(),
        Code.Single => reader.ReadSingle(),
        Code.DateTimeOffset => new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(reader.ReadInt16())),
        Code.Char => reader.ReadChar(),
        Code.TimeSpan => new TimeSpan(reader.ReadInt64()),
        Code.DateOnly => DateOnly.FromDayNumber(reader.ReadInt32()),
        Code.TimeOnly => new TimeOnly(reader.ReadInt64()),
        var code => throw new InvalidDataException($"Unknown value code {code} in a cached result."),
    };
}
