namespace MigrationService.Commands;

/// <summary>Asks before a destructive step; without a terminal to ask, only <c>--yes</c> goes ahead.</summary>
internal static class Confirmation
{
    public static void Require(string question, bool yes)
    {
        if (yes)
        {
            return;
        }

        Console.Write($"{question} [y/N] ");
        var answer = Console.In.ReadLine();
        if (answer is null)
        {
            Console.WriteLine();
            throw new CommandFailure("no answer on standard input: pass --yes to confirm in a script. Nothing was changed.", CommandFailure.Usage);
        }

        if (answer.Trim().ToLowerInvariant() is not ("y" or "yes"))
        {
            throw new CommandFailure("canceled: nothing was changed.");
        }
    }
}
