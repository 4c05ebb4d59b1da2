namespace AppHost.LocalProcesses;

/// <summary>
/// PostgreSQL refuses to run as root. When the AppHost is root (CI, containers), its server and initdb run as the
/// <c>postgres</c> OS user through util-linux's setpriv, which then replaces itself with the program: the process
/// the orchestrator watches and signals is PostgreSQL itself.
/// </summary>
internal static class OsUserSwitch
{
    public const string PostgresUser = "postgres";

    public const string Command = "setpriv";

    /// <summary>The OS user PostgreSQL must run as, or null to run as the AppHost's own user.</summary>
    public static string? PostgresRunAs => Environment.IsPrivilegedProcess ? PostgresUser : null;

    public static string[] Arguments(string user) => [$"--reuid={user}", $"--regid={user}", "--init-groups", "--"];
}
