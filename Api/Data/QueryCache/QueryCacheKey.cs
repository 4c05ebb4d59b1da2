using System.Collections;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Api.Data.QueryCache;

/// <summary>
/// A result's identity: SHA-256 of the database it runs against, the SQL text, and every parameter's name, type and
/// value. Two queries share an entry only when PostgreSQL would be asked exactly the same thing.
/// </summary>
internal static class QueryCacheKey
{
    public static string For(string database, DbCommand command)
    {
        var text = new StringBuilder(database.Length + command.CommandText.Length + 64)
            .Append(database).Append('\0').Append(command.CommandText).Append('\0');
        foreach (DbParameter parameter in command.Parameters)
        {
            text.Append(parameter.ParameterName).Append('\u0001')
                .Append((int)parameter.DbType).Append('\u0001')
                .Append(parameter is Npgsql.NpgsqlParameter npgsql ? npgsql.DataTypeName : null).Append('\u0001');
            AppendValue(text, parameter.Value);
            text.Append('\0');
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()), hash);
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
            case IFormattable formattable:
                text.Append(value.GetType().FullName).Append(':').Append(formattable.ToString(value is DateTime or DateTimeOffset ? "O" : null, CultureInfo.InvariantCulture));
                break;
            default:
                text.Append(value.GetType().FullName).Append(':').Append(value);
                break;
        }
    }
}
