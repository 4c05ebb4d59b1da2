using MigrationService;
using MigrationService.Commands;

// With a command (migrate, check, studio...): the developer's database commands. Without one: the AppHost's worker.
if (args.Length > 0)
{
    return await DbCommandLine.RunAsync(args);
}

var builder = Host.CreateApplicationBuilder(args);

builder.AddServiceDefaults();
builder.AddMigrationWorker();

builder.Build().Run();
return Environment.ExitCode;
