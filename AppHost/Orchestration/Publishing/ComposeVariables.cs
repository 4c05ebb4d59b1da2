namespace AppHost.Orchestration;

/// <summary>
/// The <c>.env</c> variables a Compose file interpolates, and the escaping that keeps every other <c>$</c> literal.
/// References are marked while values are assembled and turned into <c>${NAME}</c> only after the rest is escaped.
/// </summary>
internal static class ComposeVariables
{
    private const char Start = '\u0001';
    private const char End = '\u0002';

    /// <summary><c>postgres-password</c> becomes <c>POSTGRES_PASSWORD</c>.</summary>
    public static string SecretVariable(SecretParameter secret) => ServiceEnvironment.EnvironmentPrefix(secret.Name);

    /// <summary>An existing server's connection string, e.g. <c>APPDB_CONNECTION_STRING</c>.</summary>
    public static string ConnectionStringVariable(IResource resource) => $"{ServiceEnvironment.EnvironmentPrefix(resource.Name)}_CONNECTION_STRING";

    public static string Reference(string variable) => $"{Start}{variable}{End}";

    /// <summary>The value as Compose must read it: <c>$</c> doubled, marked references as <c>${NAME}</c>.</summary>
    public static string Interpolated(string value) =>
        value.Replace("$", "$$", StringComparison.Ordinal)
            .Replace(Start.ToString(), "${", StringComparison.Ordinal)
            .Replace(End.ToString(), "}", StringComparison.Ordinal);
}
