using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Npgsql;

namespace MigrationService.Targets;

/// <summary>
/// The <c>appdb</c> database of the AppHost running from this checkout without a container runtime, found without
/// copying a connection string: the port from PostgreSQL's own <c>postmaster.pid</c> in the AppHost's data folder
/// (<c>AppHost/.state/postgres/data</c>), the password from the AppHost's user secrets, where Aspire keeps the
/// generated parameter <c>postgres-password</c>. Names follow <c>AppHost/Program.cs</c>: server <c>postgres</c>,
/// database <c>appdb</c>.
/// </summary>
internal static partial class LocalAppHostDatabase
{
    public const string StartHint = "start the AppHost first: dotnet run --project AppHost (or set DATABASE_URL)";

    private const string ServerName = "postgres";
    private const string DatabaseName = AppDbConnectionString.Name;

    public static string Find(string? repositoryRoot)
    {
        if (repositoryRoot is null)
        {
            throw NotRunning("no repository (folder with Aspire.sln) above the current folder");
        }

        var appHost = Path.Combine(repositoryRoot, "AppHost");
        var pidFile = Path.Combine(appHost, ".state", ServerName, "data", "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            throw NotRunning("its PostgreSQL is not running as a local process");
        }

        // postmaster.pid: line 1 the server's PID, line 4 its port (PostgreSQL's documented layout).
        var lines = File.ReadAllLines(pidFile);
        if (lines.Length < 4 || !int.TryParse(lines[0], CultureInfo.InvariantCulture, out var pid) || !int.TryParse(lines[3], CultureInfo.InvariantCulture, out var port))
        {
            throw NotRunning("its PostgreSQL is still starting");
        }

        if (!IsAlive(pid))
        {
            throw NotRunning("its PostgreSQL stopped without cleaning up");
        }

        return new NpgsqlConnectionStringBuilder
        {
            Host = "localhost",
            Port = port,
            Username = "postgres",
            Password = ReadPassword(Path.Combine(appHost, "AppHost.csproj")),
            Database = DatabaseName,
        }.ConnectionString;
    }

    /// <summary>The generated password, from the user secrets named by the AppHost project's UserSecretsId.</summary>
    private static string ReadPassword(string appHostProject)
    {
        const string key = $"Parameters:{ServerName}-password";
        string secretsFile;
        try
        {
            var id = UserSecretsId().Match(File.ReadAllText(appHostProject));
            if (!id.Success)
            {
                throw NotRunning($"{appHostProject} names no UserSecretsId");
            }

            secretsFile = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".microsoft", "usersecrets", id.Groups[1].Value, "secrets.json");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw NotRunning($"{appHostProject} cannot be read ({exception.Message})");
        }

        try
        {
            var secrets = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(File.ReadAllText(secretsFile));
            return secrets?.GetValueOrDefault(key) is { ValueKind: JsonValueKind.String } value
                ? value.GetString()!
                : throw NotRunning($"{secretsFile} holds no {key}");
        }
        catch (Exception exception) when (exception is IOException or JsonException or UnauthorizedAccessException)
        {
            throw NotRunning($"{secretsFile} cannot be read ({exception.Message})");
        }
    }

    [GeneratedRegex("<UserSecretsId>([^<]+)</UserSecretsId>")]
    private static partial Regex UserSecretsId();

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static CommandFailure NotRunning(string why) =>
        new($"the local AppHost's database was not found ({why}): {StartHint}.", CommandFailure.Usage);
}
