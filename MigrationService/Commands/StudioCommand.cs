using System.CommandLine;
using MigrationService.Studio;
using MigrationService.Targets;

namespace MigrationService.Commands;

/// <summary><c>studio</c>: a local web UI on 127.0.0.1 to browse and edit the target's rows; read-only for prod unless --allow-writes.</summary>
internal static class StudioCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port", "-p") { Description = "Port on 127.0.0.1 (default: the port of ASPNETCORE_URLS when set, else a free one)." };
        var allowWrites = new Option<bool>("--allow-writes") { Description = "Allow editing, inserting and deleting rows on prod (read-only otherwise)." };
        var command = new Command("studio", "Open a local web UI on 127.0.0.1 to browse, filter and edit rows and run read-only SQL. Stops with Ctrl+C.")
        {
            port,
            allowWrites,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(port) is < 0 or > 65535)
            {
                result.AddError("--port must be between 1 and 65535 (or left out for a free one).");
            }
        });
        command.SetAction((parse, cancellationToken) => TargetedAction.RunAsync(parse, async target =>
        {
            var launch = StudioLaunch.Resolve(parse.GetValue(port));
            var readOnly = target.Environment == DeploymentEnvironment.Prod && !parse.GetValue(allowWrites);
            await StudioServer.RunAsync(target, launch, readOnly, cancellationToken);
            return 0;
        }));
        return command;
    }
}
