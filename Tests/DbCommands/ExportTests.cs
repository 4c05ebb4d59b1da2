using Npgsql;
using Tests.Infrastructure;

namespace Tests.DbCommands;

/// <summary>`export`: pg_dump files in db/backups with mode 600, named by environment, kind and table.</summary>
public sealed class ExportTests(SharedApp shared)
{
    [Fact]
    public async Task TheDefaultExportIsTheSchemaOnlyInAPrivateFile()
    {
        using var folder = new TempFolder();

        var result = await DbCommand.RunAsync(["export"], new Dictionary<string, string> { ["ConnectionStrings__appdb"] = shared.DatabaseConnectionString }, folder.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        var file = Assert.Single(Directory.GetFiles(Path.Combine(folder.Path, "db", "backups")));
        Assert.Matches(@"dump-dev-schema-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.sql$", file);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var sql = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        Assert.Contains("CREATE TABLE public.\"user\"", sql);
        Assert.DoesNotContain("COPY public.\"user\"", sql);
        Assert.Contains($"Wrote db/backups/{Path.GetFileName(file)} (", result.Output);
        Assert.Contains("KiB, mode 600)", result.Output);
        Assert.DoesNotContain(new NpgsqlConnectionStringBuilder(shared.DatabaseConnectionString).Password!, result.All);
    }

    [Fact]
    public async Task DataOnlyOfOneTableHoldsItsRowsAndNoSchema()
    {
        using var folder = new TempFolder();
        var environment = new Dictionary<string, string> { ["DATABASE_URL"] = Url(shared.DatabaseConnectionString), ["ENVIRONMENT"] = "staging" };

        var result = await DbCommand.RunAsync(["export", "--data-only", "--table", "user"], environment, folder.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("dumping contents of table \"public.user\"", result.Output);
        var file = Assert.Single(Directory.GetFiles(Path.Combine(folder.Path, "db", "backups")));
        Assert.Contains("dump-staging-data-user-", file);
        var sql = await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken);
        Assert.Contains("COPY public.\"user\"", sql);
        Assert.Contains("alice@example.com", sql);
        Assert.DoesNotContain("CREATE TABLE", sql);
        Assert.DoesNotContain("COPY public.member", sql);
    }

    [Fact]
    public async Task AFailedDumpLeavesNoFileAndOneLine()
    {
        using var folder = new TempFolder();

        var result = await DbCommand.RunAsync(["export", "--", "--no-such-pg-dump-flag"],
            new Dictionary<string, string> { ["ConnectionStrings__appdb"] = shared.DatabaseConnectionString }, folder.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("no-such-pg-dump-flag", Assert.Single(result.ErrorLines));
        Assert.Empty(Directory.GetFiles(Path.Combine(folder.Path, "db", "backups")));
    }

    [Fact]
    public async Task ThePrintedPathIsRelativeToTheFolderTheUserRanItFrom()
    {
        // `dotnet run --project MigrationService -- export` from the repository's root: the Worker SDK starts the
        // process in MigrationService/, while the shell's PWD is the root.
        using var repository = new TempFolder();
        repository.File("Aspire.sln", "");
        var projectFolder = Directory.CreateDirectory(Path.Combine(repository.Path, "MigrationService")).FullName;

        var result = await DbCommand.RunAsync(["export"],
            new Dictionary<string, string> { ["ConnectionStrings__appdb"] = shared.DatabaseConnectionString, ["PWD"] = repository.Path }, projectFolder);

        Assert.True(result.ExitCode == 0, result.ToString());
        var file = Assert.Single(Directory.GetFiles(Path.Combine(repository.Path, "db", "backups")));
        Assert.Contains($"Wrote db/backups/{Path.GetFileName(file)} (", result.Output);
    }

    private static string Url(string connectionString)
    {
        var parts = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgresql://{Uri.EscapeDataString(parts.Username!)}:{Uri.EscapeDataString(parts.Password!)}@{parts.Host}:{parts.Port}/{parts.Database}?sslmode=disable";
    }
}
