using System.Diagnostics;

namespace Tests.Infrastructure;

/// <summary>Runs the MigrationService's build output as the AppHost would, against a given database.</summary>
internal static class MigrationServiceProcess
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError);

    public static async Task<Result> RunAsync(string connectionString, CancellationToken cancellationToken)
    {
        var project = new Projects.MigrationService();
        var info = new ProcessStartInfo("dotnet", [project.TargetPath])
        {
            WorkingDirectory = Path.GetDirectoryName(project.ProjectPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["ConnectionStrings__appdb"] = connectionString;
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        info.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
        return new Result(process.ExitCode, await output, await error);
    }
}
