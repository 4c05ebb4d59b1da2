using Tests.Infrastructure;

namespace Tests.DbCommands;

/// <summary>
/// A developer's model change, end to end, in a temporary copy of the source (the checkout is never touched):
/// `check` names the change no migration holds, then `generate` writes the migration for it with its SQL script and
/// refreshes the compiled model, and the worker applies it from the script.
/// </summary>
public sealed class ModelChangeTests(SharedApp shared)
{
    private static readonly string[] SourceFolders = ["Db", "MigrationService", "ServiceDefaults", ".config"];
    private static readonly string[] SourceFiles = ["Aspire.sln", "global.json", "Directory.Build.props", "Directory.Packages.props"];

    [Fact]
    public async Task CheckNamesAnUnmigratedModelChangeAndGenerateWritesItsMigration()
    {
        using var copy = new TempFolder();
        CopySource(DbCommand.RepositoryRoot, copy.Path);
        var schema = Path.Combine(copy.Path, "Db", "Schema", "OrganizationSchema.cs");
        const string Anchor = "    public string? Logo { get; set; }\n";
        var source = await File.ReadAllTextAsync(schema, TestContext.Current.CancellationToken);
        Assert.Contains(Anchor, source);
        await File.WriteAllTextAsync(schema, source.Replace(Anchor, Anchor + "    public string? Website { get; set; }\n", StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var build = await CommandRun.RunAsync(copy.Path, "dotnet", "build", "MigrationService", "-nologo", "-v", "q");
        Assert.True(build.ExitCode == 0, build.Output);
        var migrationService = Path.Combine(copy.Path, "MigrationService", "bin", "Debug", "net10.0", "MigrationService.dll");

        // A database migrated with the copy's (unchanged) migrations, then checked against its changed model.
        var database = Infrastructure.Database.FreshDatabase(shared.DatabaseConnectionString);
        var target = new Dictionary<string, string> { ["ConnectionStrings__appdb"] = database };
        Assert.Equal(0, (await CommandRun.RunAsync(copy.Path, target, "dotnet", migrationService, "migrate")).ExitCode);
        var check = await CommandRun.RunAsync(copy.Path, target, "dotnet", migrationService, "check");
        Assert.Equal(1, check.ExitCode);
        Assert.Contains("Model vs migrations: 1 difference", check.Output);
        Assert.Contains("website", check.Output, StringComparison.OrdinalIgnoreCase);

        var generate = await CommandRun.RunAsync(copy.Path, "dotnet", migrationService, "generate", "AddOrganizationWebsite");

        Assert.True(generate.ExitCode == 0, generate.Output);
        var migration = Assert.Single(Directory.GetFiles(Path.Combine(copy.Path, "Db", "Migrations"), "*_AddOrganizationWebsite.cs"));
        Assert.Contains("name: \"website\"", await File.ReadAllTextAsync(migration, TestContext.Current.CancellationToken));
        var compiledOrganization = Path.Combine(copy.Path, "Db", "CompiledModel", "OrganizationEntityType.cs");
        Assert.Contains("\"Website\"", await File.ReadAllTextAsync(compiledOrganization, TestContext.Current.CancellationToken));
        Assert.Empty(Directory.GetFiles(Path.Combine(DbCommand.RepositoryRoot, "Db", "Migrations"), "*_AddOrganizationWebsite*"));

        // With its SQL script, which the worker, once built again (as the next `dotnet run` of the AppHost does),
        // applies without EF Core's migrator.
        var script = Path.ChangeExtension(migration, ".sql");
        Assert.Contains("ADD website text", await File.ReadAllTextAsync(script, TestContext.Current.CancellationToken));
        build = await CommandRun.RunAsync(copy.Path, "dotnet", "build", "MigrationService", "-nologo", "-v", "q");
        Assert.True(build.ExitCode == 0, build.Output);
        var worker = await CommandRun.RunAsync(copy.Path, target, "dotnet", migrationService);
        Assert.True(worker.ExitCode == 0, worker.Output);
        Assert.True(worker.Output.Contains($"Applied migration {Path.GetFileNameWithoutExtension(migration)} from its SQL script", StringComparison.Ordinal), worker.Output);
        Assert.Equal(1L, await Infrastructure.Database.ScalarAsync<long>(database,
            "SELECT count(*) FROM information_schema.columns WHERE table_name = 'organization' AND column_name = 'website'"));
    }

    private static void CopySource(string from, string to)
    {
        foreach (var file in SourceFiles)
        {
            File.Copy(Path.Combine(from, file), Path.Combine(to, file));
        }

        foreach (var folder in SourceFolders)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(from, folder), "*", SearchOption.AllDirectories))
            {
                var relative = Path.GetRelativePath(from, file);
                if (relative.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"))
                {
                    continue;
                }

                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(to, relative))!);
                File.Copy(file, Path.Combine(to, relative));
            }
        }
    }
}
