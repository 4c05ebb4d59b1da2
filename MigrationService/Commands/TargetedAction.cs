using System.CommandLine;
using Db;
using MigrationService.Targets;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MigrationService.Commands;

/// <summary>
/// Runs a command against the resolved database: names the target first, then turns a database failure into one
/// line that says what to check.
/// </summary>
internal static class TargetedAction
{
    public static async Task<int> RunAsync(ParseResult parse, Func<DatabaseTarget, Task<int>> action)
    {
        var target = TargetResolver.Resolve(parse.GetValue(CommonOptions.Environment));
        Console.WriteLine($"Target {target.Describe()}");
        try
        {
            return await action(target);
        }
        catch (NpgsqlException exception)
        {
            throw new CommandFailure(DatabaseFailureMessage.For(exception, target));
        }
        catch (InvalidOperationException exception) when (exception.InnerException is NpgsqlException npgsql)
        {
            throw new CommandFailure(DatabaseFailureMessage.For(npgsql, target));
        }
    }

    public static AppDbContext OpenContext(DatabaseTarget target)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseAppDatabase(target.ConnectionString);
        return new AppDbContext(options.Options);
    }

    public static async Task<NpgsqlConnection> OpenConnectionAsync(DatabaseTarget target, CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }
}
