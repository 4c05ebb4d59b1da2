var builder = DistributedApplication.CreateBuilder(args);

// An existing server when ConnectionStrings:appdb is configured, otherwise PostgreSQL from this machine.
IResourceBuilder<IResourceWithConnectionString> appdb = builder.Configuration.GetConnectionString("appdb") is not null
    ? builder.AddConnectionString("appdb")
    : builder.AddPostgres("postgres").WithDataVolume().AddDatabase("appdb");

var cache = builder.AddRedis("cache");

var migrations = builder.AddProject<Projects.MigrationService>("migrations")
    .WithReference(appdb)
    .WaitFor(appdb);

builder.AddProject<Projects.Api>("api")
    .WithReference(appdb)
    .WithReference(cache)
    .WaitFor(appdb)
    .WaitFor(cache)
    .WaitForCompletion(migrations)
    .WithHttpHealthCheck("/health")
    .WithExternalHttpEndpoints();

// The database commands' studio as the dashboard's data browser for appdb: started from the dashboard, never deployed.
builder.AddProject<Projects.MigrationService>("studio")
    .WithArgs("studio")
    .WithReference(appdb)
    .WaitForCompletion(migrations)
    .WithHttpHealthCheck("/health")
    .AsDataBrowserFor(appdb, tokenVariable: "STUDIO_TOKEN")
    .WithExplicitStart();

builder.Build().Run();
