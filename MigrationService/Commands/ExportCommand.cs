using System.CommandLine;
using System.Diagnostics;
using MigrationService.Export;
using MigrationService.Targets;
using Npgsql;

namespace MigrationService.Commands;

/// <summary>
/// <c>export</c>: pg_dump as plain UTF-8 SQL into db/backups/ (mode 600, ignored by git), schema only unless asked,
/// with progress while it runs and the file's path and size at the end. A failed dump leaves no file.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var data = new Option<bool>("--data") { Description = "Schema and data (default: schema only)." };
        var dataOnly = new Option<bool>("--data-only") { Description = "Data only, no schema." };
        var table = new Option<string?>("--table", "-t") { Description = "Only this table." };
        var extra = new Argument<string[]>("pg_dump-arguments") { Description = "Anything after -- goes to pg_dump unchanged.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("export", "Dump the database with pg_dump to db/backups/dump-{env}-{schema|full|data}[-{table}]-{timestamp}.sql.")
        {
            data,
            dataOnly,
            table,
            extra,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(data) && result.GetValue(dataOnly))
            {
                result.AddError("--data and --data-only exclude each other: pick one.");
            }
        });
        command.SetAction((parse, cancellationToken) => TargetedAction.RunAsync(parse, target =>
        {
            var kind = parse.GetValue(dataOnly) ? "data" : parse.GetValue(data) ? "full" : "schema";
            return RunAsync(target, kind, parse.GetValue(table), parse.GetValue(extra) ?? [], cancellationToken);
        }));
        return command;
    }

    private static async Task<int> RunAsync(DatabaseTarget target, string kind, string? table, string[] extra, CancellationToken cancellationToken)
    {
        var pgDump = PgDump.Find();
        var path = DumpFile.PathFor(RepositoryRoot.Find() ?? Directory.GetCurrentDirectory(), target.EnvironmentName, kind, table, DateTimeOffset.UtcNow);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".partial";
        var what = kind switch { "full" => "schema and data", "data" => "data", _ => "schema" };
        Console.WriteLine($"Exporting the {what}{(table is null ? "" : $" of table {table}")} with {pgDump}");

        var started = Stopwatch.GetTimestamp();
        try
        {
            var bytes = await DumpAsync(pgDump, Arguments(target, kind, table, extra), target, partial, cancellationToken);
            File.Move(partial, path, overwrite: false);
            Console.WriteLine($"Wrote {InvocationDirectory.Relative(path)} ({DumpFile.Size(bytes)}, mode 600) in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s.");
            return 0;
        }
        finally
        {
            File.Delete(partial);
        }
    }

    private static List<string> Arguments(DatabaseTarget target, string kind, string? table, string[] extra)
    {
        List<string> arguments =
        [
            "--format=plain", "--encoding=UTF8", "--no-password", "--verbose",
            $"--host={target.Host}", $"--port={target.Port}", $"--username={target.Username}", $"--dbname={target.Database}",
        ];
        if (kind == "schema")
        {
            arguments.Add("--schema-only");
        }
        else if (kind == "data")
        {
            arguments.Add("--data-only");
        }

        if (table is not null)
        {
            arguments.Add($"--table={table}");
        }

        arguments.AddRange(extra);
        return arguments;
    }

    private static async Task<long> DumpAsync(string pgDump, List<string> arguments, DatabaseTarget target, string partial, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(pgDump, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };

        // The password goes through the environment, never the command line other users can see.
        info.Environment["PGPASSWORD"] = target.Password ?? "";
        info.Environment["PGSSLMODE"] = SslMode(new NpgsqlConnectionStringBuilder(target.ConnectionString).SslMode);
        info.Environment["PGCONNECT_TIMEOUT"] = "10";

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            // Created readable by its owner only: a dump may hold production data.
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new FileStream(partial, options);
        using var process = Process.Start(info)!;
        var progress = new ExportProgress(file);
        var errors = new List<string>();
        var readErrors = Task.Run(async () =>
        {
            while (await process.StandardError.ReadLineAsync(cancellationToken) is { } line)
            {
                if (IsFailureLine(line))
                {
                    errors.Add(line[(line.IndexOf("pg_dump: ", StringComparison.Ordinal) is var at and >= 0 ? at + "pg_dump: ".Length : 0)..]);
                }
                else
                {
                    progress.Phase(line);
                }
            }
        }, cancellationToken);

        using (progress.Start())
        {
            await process.StandardOutput.BaseStream.CopyToAsync(file, cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            await readErrors;
        }

        if (process.ExitCode != 0)
        {
            var reason = errors.Count > 0 ? string.Join(" ", errors) : $"pg_dump exited with code {process.ExitCode}";
            throw new CommandFailure($"export failed: {reason.ReplaceLineEndings(" ")} (no file was written).");
        }

        await file.FlushAsync(cancellationToken);
        return file.Length;
    }

    // pg_dump's verbose steps are lower-case sentences; failures say error, detail, hint, or name a bad option.
    private static readonly string[] FailureMarkers = ["error:", "detail:", "FATAL", "unrecognized", "invalid", "too many"];

    private static bool IsFailureLine(string line) => FailureMarkers.Any(marker => line.Contains(marker, StringComparison.Ordinal));

    private static string SslMode(Npgsql.SslMode mode) => mode switch
    {
        Npgsql.SslMode.Disable => "disable",
        Npgsql.SslMode.Allow => "allow",
        Npgsql.SslMode.Require => "require",
        Npgsql.SslMode.VerifyCA => "verify-ca",
        Npgsql.SslMode.VerifyFull => "verify-full",
        _ => "prefer",
    };
}
