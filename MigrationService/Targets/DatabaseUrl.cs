using Npgsql;

namespace MigrationService.Targets;

/// <summary>
/// Converts <c>postgres://user:password@host:port/database?sslmode=require</c> (user and password percent-encoded)
/// into an Npgsql connection string. Messages never repeat the URL: it holds a password.
/// </summary>
internal static class DatabaseUrl
{
    public const string Variable = "DATABASE_URL";

    private const string Example = "postgres://user:password@host:5432/appdb?sslmode=require";

    public static NpgsqlConnectionStringBuilder Parse(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var trimmed = url.Trim();
        if (!trimmed.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) && !trimmed.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            throw Invalid("must start with postgres:// or postgresql://");
        }

        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            throw Invalid("is not a valid URL (percent-encode special characters of the user and password, e.g. @ as %40)");
        }

        var builder = new NpgsqlConnectionStringBuilder { Host = uri.IdnHost, Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port };
        ReadUserInfo(uri.UserInfo, builder);

        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length == 0 || database.Contains('/', StringComparison.Ordinal))
        {
            throw Invalid("names no database (end it with /appdb)");
        }

        builder.Database = database;
        foreach (var (name, value) in QueryOptions(uri.Query))
        {
            ApplyOption(builder, name, value);
        }

        return builder;
    }

    private static void ReadUserInfo(string userInfo, NpgsqlConnectionStringBuilder builder)
    {
        if (userInfo.Length == 0)
        {
            throw Invalid("names no user (postgres://user:password@host/appdb)");
        }

        var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
        builder.Username = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
        if (colon >= 0)
        {
            builder.Password = Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        }
    }

    private static IEnumerable<(string Name, string Value)> QueryOptions(string query)
    {
        foreach (var pair in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw Invalid($"has a query option without a value ('{Uri.UnescapeDataString(pair)}'); write name=value");
            }

            yield return (Uri.UnescapeDataString(pair[..equals]).ToLowerInvariant(), Uri.UnescapeDataString(pair[(equals + 1)..]));
        }
    }

    private static void ApplyOption(NpgsqlConnectionStringBuilder builder, string name, string value)
    {
        switch (name)
        {
            case "sslmode":
                builder.SslMode = value.ToLowerInvariant() switch
                {
                    "disable" => SslMode.Disable,
                    "allow" => SslMode.Allow,
                    "prefer" => SslMode.Prefer,
                    "require" => SslMode.Require,
                    "verify-ca" => SslMode.VerifyCA,
                    "verify-full" => SslMode.VerifyFull,
                    _ => throw Invalid($"has sslmode={value}; use disable, allow, prefer, require, verify-ca or verify-full"),
                };
                break;
            case "connect_timeout":
                builder.Timeout = int.TryParse(value, out var seconds) && seconds >= 0 ? seconds : throw Invalid("has a connect_timeout that is not a number of seconds");
                break;
            case "application_name":
                builder.ApplicationName = value;
                break;
            case "options":
                builder.Options = value;
                break;
            case "sslrootcert":
                builder.RootCertificate = value;
                break;
            case "sslcert":
                builder.SslCertificate = value;
                break;
            case "sslkey":
                builder.SslKey = value;
                break;
            case "target_session_attrs":
                builder.TargetSessionAttributes = value;
                break;
            case "search_path":
                builder.SearchPath = value;
                break;
            default:
                throw Invalid($"has the query option '{name}', which is not supported (sslmode, connect_timeout, application_name, options, sslrootcert, sslcert, sslkey, target_session_attrs, search_path)");
        }
    }

    private static CommandFailure Invalid(string problem) =>
        new($"{Variable} {problem}; expected e.g. {Example}.", CommandFailure.Usage);
}
