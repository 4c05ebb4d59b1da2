using Npgsql;

namespace MigrationService;

/// <summary>The <c>appdb</c> connection string the AppHost hands over as <c>ConnectionStrings__appdb</c>.</summary>
internal static class AppDbConnectionString
{
    public const string Name = "appdb";
    public const string EnvironmentVariable = $"ConnectionStrings__{Name}";

    public static string Read(IConfiguration configuration) => Validate(configuration.GetConnectionString(Name));

    /// <summary>The connection string itself when it is usable; otherwise a one-line reason.</summary>
    public static string Validate(string? connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ConnectionStringException(
                $"{EnvironmentVariable} is not set (e.g. Host=localhost;Port=5432;Username=postgres;Password=...;Database={Name}).");
        }

        NpgsqlConnectionStringBuilder parsed;
        try
        {
            parsed = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException exception)
        {
            throw new ConnectionStringException($"{EnvironmentVariable} is not a valid connection string ({exception.Message}).");
        }

        // Without it Npgsql would silently use the user name as the database name.
        if (string.IsNullOrWhiteSpace(parsed.Database))
        {
            throw new ConnectionStringException($"{EnvironmentVariable} names no database (add Database={Name}).");
        }

        return connectionString;
    }
}
