using System.Buffers;
using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Api.Data.QueryCache;

/// <summary>
/// A result's identity: SHA-256 of the database it runs against, the SQL text, and every parameter's name, type and
/// value. Two queries share an entry only when PostgreSQL would be asked exactly the same thing. The SQL text enters
/// as its own SHA-256, computed once per text with its analysis: a hit then hashes a few dozen bytes, not the text.
/// </summary>
internal static class QueryCacheKey
{
    public static byte[] TextDigest(string sql) => SHA256.HashData(Encoding.UTF8.GetBytes(sql));

    public static string For(string database, byte[] textDigest, DbCommand command)
    {
        var text = new StringBuilder(database.Length + 64).Append(database).Append('\0');
        var parameters = command.Parameters;
        for (var i = 0; i < parameters.Count; i++)
        {
            var parameter = parameters[i];
            text.Append(parameter.ParameterName).Append('\u0001')
                .Append((int)parameter.DbType).Append('\u0001')
                .Append(parameter is Npgsql.NpgsqlParameter npgsql ? npgsql.DataTypeName : null).Append('\u0001');
            AppendValue(text, parameter.Value);
            text.Append('\0');
        }

        var buffer = ArrayPool<byte>.Shared.Rent(textDigest.Length + Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            textDigest.CopyTo(buffer, 0);
            var length = textDigest.Length;
            foreach (var chunk in text.GetChunks())
            {
                length += Encoding.UTF8.GetBytes(chunk.Span, buffer.AsSpan(length));
            }

            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(buffer.AsSpan(0, length), hash);
            return Convert.ToHexString(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static void AppendValue(StringBuilder text, object? value)
    {
        switch (value)
        {
            case null or DBNull:
                text.Append("null");
                break;
            case string s:
                text.Append("s:").Append(s.Length).Append(':').Append(s);
                break;
            case byte[] bytes:
                text.Append("b:").Append(Convert.ToBase64String(bytes));
                break;
            case IEnumerable items:
                text.Append(value.GetType().FullName).Append('[');
                foreach (var item in items)
                {
                    AppendValue(text, item);
                    text.Append(',');
                }

                text.Append(']');
                break;
            case IFormattable formattable:
                text.Append(value.GetType().FullName).Append(':').Append(formattable.ToString(value is DateTime or DateTimeOffset ? "O" : null, CultureInfo.InvariantCulture));
                break;
            default:
                text.Append(value.GetType().FullName).Append(':').Append(value);
                break;
        }
    }
}
