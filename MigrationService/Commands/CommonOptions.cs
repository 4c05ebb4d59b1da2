using System.CommandLine;

namespace MigrationService.Commands;

/// <summary>Options several commands share.</summary>
internal static class CommonOptions
{
    public static readonly Option<string?> Environment = new("--env", "-e")
    {
        Description = "Target environment: dev (default: the local AppHost's database), staging or prod. "
            + "Else ENVIRONMENT, else DOTNET_ENVIRONMENT.",
        Recursive = true,
    };

    public static Option<bool> Yes() => new("--yes", "-y")
    {
        Description = "Confirm destructive steps without asking (for scripts).",
    };
}
