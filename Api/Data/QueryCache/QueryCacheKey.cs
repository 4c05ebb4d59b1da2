using System.Buffers;
using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Api.Data.QueryCache;

/// <summary>
/// A result's identity: the SQL text and every parameter's name, type and value, on the database the handle reads. Two
/// queries share an entry only when PostgreSQL would be asked exactly the same thing. The SQL text enters as its
/// SHA-256, computed once per text with its analysis. In process (L1) the key is that digest and the parameters as
/// they are, so a hit hashes nothing; on the cache server (L2) it is the SHA-256 of the database and the L1 key.
/// </summary>
internal static class QueryCacheKey
{
    // Longer parameter lists are hashed into the L1 key rather than kept in it, so every key stays small.
    private const int MaxInlineParametersLength = 256;

    [ThreadStatic]
    private static StringBuilder? builder;

    public static string TextDigest(string sql) => Sha256Hex(sql);

    /// <summary>The in-process key. "r" keeps the parameters as they are, "h" their SHA-256: never the same key.</summary>
    public static string For(string textDigest, DbCommand command)
    {
        // One builder per thread, reused: building a key never awaits, so no other key shares it meanwhile.
        var text = (builder ??= new StringBuilder(512)).Clear().Append(textDigest).Append("\0r");
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

        var key = text.ToString();
        if (text.Capacity > 4096)
        {
            builder = null; // a huge parameter's buffer is not kept for the thread's lifetime
        }
        return key.Length <= textDigest.Length + 2 + MaxInlineParametersLength
            ? key
            : string.Concat(textDigest, "\0h", Sha256Hex(key.AsSpan(textDigest.Length + 2)));
    }

    /// <summary>The cache server's key: one length whatever the parameters, and naming the database.</summary>
    public static string Shared(string database, string key)
    {
        // Hashed from one pooled buffer: a miss computes it, and concatenating first cost a string as long as both.
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(database.Length + 1 + key.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(database, buffer);
            buffer[length++] = 0;
            length += Encoding.UTF8.GetBytes(key, buffer.AsSpan(length));
            return Sha256Hex(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string Sha256Hex(ReadOnlySpan<char> text)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(text.Length));
        try
        {
            return Sha256Hex(buffer.AsSpan(0, Encoding.UTF8.GetBytes(text, buffer)));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static string Sha256Hex(ReadOnlySpan<byte> bytes)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, hash);
        return Convert.ToHexString(hash);
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
            // Formatted straight into the builder, not through a string per value: the handler writes ISpanFormattable
            // values in place. Round-trip format for times, so two instants never share a text.
            case DateTime or DateTimeOffset:
                text.Append(value.GetType().FullName).Append(':').Append(CultureInfo.InvariantCulture, $"{value:O}");
                break;
            case IFormattable formattable:
                text.Append(value.GetType().FullName).Append(':').Append(CultureInfo.InvariantCulture, $"{formattable}");
                break;
            default:
                text.Append(value.GetType().FullName).Append(':').Append(value);
                break;
        }
    }
}
