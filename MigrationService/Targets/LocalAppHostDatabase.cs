using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Npgsql;

namespace MigrationService.Targets;

/// <summary>
/// The <c>appdb</c> database of the AppHost running from this checkout, found without copying a connection string:
/// the port from PostgreSQL's own <c>postmaster.pid</c> in the AppHost's state folder, the password from its
/// <c>secrets.json</c>. Names follow <c>AppHost/Program.cs</c>: server <c>postgres</c>, database <c>appdb</c>.
/// </summary>
internal static class LocalAppHostDatabase
{
    public const string StartHint = "start the AppHost first: dotnet run --project AppHost (or set DATABASE_URL)";

    private const string ServerName = "postgres";
    private const string DatabaseName = AppDbConnectionString.Name;

    public static string Find(string? repositoryRoot)
    {
        var stateDirectory = Environment.GetEnvironmentVariable("AppHost__StateDirectory")
            ?? (repositoryRoot is null ? null : Path.Combine(repositoryRoot, "AppHost", ".state"));
        if (stateDirectory is null)
        {
            throw NotRunning("no repository (folder with Aspire.sln) above the current folder");
        }

        var pidFile = Path.Combine(stateDirectory, ServerName, "data", "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            throw NotRunning("its PostgreSQL is not running");
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
            Password = ReadPassword(Path.Combine(stateDirectory, "secrets.json")),
            Database = DatabaseName,
        }.ConnectionString;
    }

    private static string ReadPassword(string secretsFile)
    {
        try
        {
            var secrets = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(secretsFile));
            return secrets?.GetValueOrDefault($"{ServerName}-password") ?? throw NotRunning($"{secretsFile} holds no {ServerName}-password");
        }
        catch (Exception exception) when (exception is IOException or JsonException or UnauthorizedAccessException)
        {
            throw NotRunning($"{secretsFile} cannot be read ({exception.Message})");
        }
    }

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
