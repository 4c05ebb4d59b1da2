using AppHost.LocalProcesses;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AppHost.DatabaseCommands;

/// <summary>The database commands of the command line, as commands of the database resource in Aspire's dashboard.</summary>
public static class DatabaseCommandsBuilderExtensions
{
    /// <summary>
    /// Adds Migrate, Seed, Check and Export to the database's commands. Each runs <c>MigrationService &lt;command&gt;</c>
    /// (the build output of <paramref name="migrationService"/>, the same code as on the command line) against the
    /// database's connection string, with the AppHost's environment; its output goes to the database's console log, and
    /// the dashboard shows its one-line outcome (Check and Export also the full report). Commands that write ask for
    /// confirmation first; all are enabled only while the database is healthy.
    /// </summary>
    public static IResourceBuilder<T> WithDatabaseCommands<T>(this IResourceBuilder<T> database, IProjectMetadata migrationService)
        where T : IResourceWithConnectionString
    {
        var environmentName = database.ApplicationBuilder.Environment.EnvironmentName;
        var repositoryRoot = Path.GetDirectoryName(database.ApplicationBuilder.AppHostDirectory.TrimEnd(Path.DirectorySeparatorChar))!;
        foreach (var command in DatabaseCommand.All)
        {
            database.WithCommand(command.Name, command.DisplayName, async context =>
            {
                var log = context.Services.GetRequiredService<ResourceLoggerService>().GetLogger(database.Resource);
                log.CommandStarted(command.CommandLine);
                var connectionString = await database.Resource.ConnectionStringExpression.GetValueAsync(context.CancellationToken);
                var outcome = await DatabaseCommandRun.RunAsync(
                    BuildOutput.TargetPath(migrationService), repositoryRoot, command.Arguments, connectionString!, environmentName, log, context.CancellationToken);
                return DatabaseCommandResult.From(command, outcome);
            },
            new CommandOptions
            {
                Description = command.Description,
                ConfirmationMessage = command.Confirmation,
                IconName = command.IconName,
                UpdateState = context => context.ResourceSnapshot.HealthStatus == HealthStatus.Healthy
                    ? ResourceCommandState.Enabled
                    : ResourceCommandState.Disabled,
            });
        }

        return database;
    }
}
