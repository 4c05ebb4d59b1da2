using Npgsql;
using StackExchange.Redis;

namespace Api.Extensions;

// The resources the AppHost must hand the API, by their resource names.
internal static class RequiredConnectionStrings
{
    public const string AppDb = "appdb";
    public const string Cache = "cache";

    // Each with the section its Aspire integration also reads a connection string from, and what makes one unusable.
    private static readonly (string Name, string AspireSection, Func<string, string?> Problem)[] Required =
    [
        (AppDb, "Aspire:Npgsql", PostgresProblem),
        (Cache, "Aspire:StackExchange:Redis", CacheProblem),
    ];

    // Checked before the host is built so that a bare `dotnet run` or a mistyped variable says what is wrong in one line
    // per connection string, instead of a stack trace from the first component that parses it (a malformed one used to
    // stop the host from a background service, or abort the process).
    public static bool AreUsable(IConfiguration configuration, TextWriter errors)
    {
        var usable = true;
        foreach (var (name, section, problem) in Required)
        {
            var value = configuration.GetConnectionString(name)
                ?? configuration[$"{section}:{name}:ConnectionString"]
                ?? configuration[$"{section}:ConnectionString"];
            var message = string.IsNullOrWhiteSpace(value)
                ? "is not set. Run the app through the AppHost (dotnet run --project AppHost) or set ConnectionStrings__" + name + "."
                : problem(value);
            if (message is not null)
            {
                errors.WriteLine($"ConnectionStrings:{name} {message}");
                usable = false;
            }
        }

        return usable;
    }

    private static string? PostgresProblem(string connectionString)
    {
        try
        {
            // Without a database Npgsql would silently use the user name as the database name.
            return string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(connectionString).Database)
                ? $"names no database (add Database={AppDb})."
                : null;
        }
        catch (ArgumentException exception)
        {
            // Npgsql names the keyword it could not set, never the password.
            return $"is not a valid PostgreSQL connection string ({exception.Message}).";
        }
    }

    private static string? CacheProblem(string connectionString)
    {
        try
        {
            return ConfigurationOptions.Parse(connectionString).EndPoints.Count == 0
                ? "names no cache server (e.g. localhost:6379,password=...)."
                : null;
        }
        catch (ArgumentException exception)
        {
            return $"is not a valid cache connection string ({exception.Message}).";
        }
    }
}
