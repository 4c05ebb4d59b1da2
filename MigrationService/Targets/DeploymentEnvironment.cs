namespace MigrationService.Targets;

/// <summary>The environments a command can target; staging and prod are only ever reached on purpose.</summary>
internal enum DeploymentEnvironment
{
    Dev,
    Staging,
    Prod,
}

internal static class DeploymentEnvironments
{
    public const string Names = "dev, staging or prod";

    public static string Name(this DeploymentEnvironment environment) => environment switch
    {
        DeploymentEnvironment.Staging => "staging",
        DeploymentEnvironment.Prod => "prod",
        _ => "dev",
    };

    public static bool IsRemote(this DeploymentEnvironment environment) => environment is not DeploymentEnvironment.Dev;

    /// <summary>Accepts the short names and .NET's host environment names (Development, Staging, Production).</summary>
    public static DeploymentEnvironment? TryParse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "dev" or "development" or "local" => DeploymentEnvironment.Dev,
        "staging" or "stage" => DeploymentEnvironment.Staging,
        "prod" or "production" => DeploymentEnvironment.Prod,
        _ => null,
    };

    /// <summary><c>--env</c>, else <c>ENVIRONMENT</c>, else <c>DOTNET_ENVIRONMENT</c>, else dev.</summary>
    public static DeploymentEnvironment Select(string? option)
    {
        foreach (var (source, value) in new[]
        {
            ("--env", option),
            ("ENVIRONMENT", Environment.GetEnvironmentVariable("ENVIRONMENT")),
            ("DOTNET_ENVIRONMENT", Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")),
        })
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                continue;
            }

            return TryParse(value) ?? throw new CommandFailure(
                $"{source} is '{value}', which is not an environment: use {Names}.", CommandFailure.Usage);
        }

        return DeploymentEnvironment.Dev;
    }
}
