using System.CommandLine;
using Db;
using Db.Seeding;
using MigrationService.Targets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace MigrationService.Commands;

/// <summary>
/// <c>seed</c>: the idempotent example data; production only on explicit request. Only dev gets the demo password and
/// the demo plan: staging and prod never get a way to sign in as an example user.
/// </summary>
internal static class SeedCommand
{
    public static Command Create()
    {
        var allowProd = new Option<bool>("--allow-prod") { Description = "Seed even when the target is prod (refused otherwise)." };
        var command = new Command("seed", "Insert the example users and demo organization; rows already there are left as they are.")
        {
            allowProd,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            // Refused before anything is resolved or opened.
            if (DeploymentEnvironments.Select(parse.GetValue(CommonOptions.Environment)) == DeploymentEnvironment.Prod && !parse.GetValue(allowProd))
            {
                throw new CommandFailure("seed refuses prod: example users do not belong in production. Pass --allow-prod if you really mean it.", CommandFailure.Usage);
            }

            return TargetedAction.RunAsync(parse, target => RunAsync(target, cancellationToken));
        });
        return command;
    }

    private static async Task<int> RunAsync(DatabaseTarget target, CancellationToken cancellationToken)
    {
        await using (await MigrationLock.AcquireAsync(target.ConnectionString, NullLogger.Instance, cancellationToken))
        await using (var db = TargetedAction.OpenContext(target))
        {
            var kind = target.Environment.IsRemote() ? SeedKind.ExampleData : SeedKind.DevelopmentDemo;
            await DatabaseSeeder.SeedAsync(db, kind, cancellationToken);
            Console.WriteLine($"Seeded (rows already present were left as they are). Now users: {await db.Users.CountAsync(cancellationToken)}, "
                + $"organizations: {await db.Organizations.CountAsync(cancellationToken)}.");
            Console.WriteLine(kind == SeedKind.DevelopmentDemo
                ? DemoSignIn.Hint
                : $"No demo password and no demo plan on {target.EnvironmentName}: they are for dev only, so nobody can sign in as an example user here.");
        }

        return 0;
    }
}
