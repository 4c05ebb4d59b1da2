using System.CommandLine;
using MigrationService.Targets;

namespace MigrationService.Commands;

/// <summary><c>typecheck</c>: compiles the Db project (warnings are errors here) and reports the result.</summary>
internal static class TypecheckCommand
{
    public static Command Create()
    {
        var command = new Command("typecheck", "Build the Db project and report its compile errors.");
        command.SetAction(async (_, cancellationToken) =>
        {
            var root = RepositoryRoot.Require("typecheck");
            var exitCode = await GenerateCommand.DotNetAsync(root, ["build", Path.Combine("Db", "Db.csproj"), "--nologo", "-v", "quiet", "-clp:ErrorsOnly;NoSummary"], cancellationToken);
            if (exitCode != 0)
            {
                throw new CommandFailure("Db does not compile: the errors are listed above.");
            }

            Console.WriteLine("Db compiles with no errors or warnings.");
            return 0;
        });
        return command;
    }
}
