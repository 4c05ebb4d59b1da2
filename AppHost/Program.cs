var builder = DistributedApplication.CreateBuilder(args);

// --publisher manifest (Aspire's, for azd) or compose (Publishing/); any other request is refused in one line.
builder.AddPublishing();

// Aspire's PostgreSQL and Redis containers where a container runtime answers (and always in a published manifest);
// otherwise the same resources as local processes of this machine (LocalProcesses/).
var local = builder.RunsServersAsLocalProcesses();

// The projects start from their build output (`dotnet run`'s project evaluation cost a second per start), and send
// telemetry only to a dashboard that runs (a test app has none: exports into the void held up every start and stop),
// waiting for one still starting before the worker's last flush.
builder.StartProjectsFromBuildOutput().WithTelemetryOnlyToARunningDashboard();

// An existing server when ConnectionStrings:appdb is configured.
IResourceBuilder<IResourceWithConnectionString> appdb = builder.Configuration.GetConnectionString("appdb") is not null
    ? builder.AddConnectionString("appdb")
    : local
        ? builder.AddLocalPostgres("postgres").WithDataVolume().AddDatabase("appdb")
        : builder.AddPostgres("postgres").WithDataVolume().AddDatabase("appdb");

// The database commands (migrate, seed, check, export) in the dashboard, on whichever database appdb is.
appdb.WithDatabaseCommands(new Projects.MigrationService());

IResourceBuilder<IResourceWithConnectionString> cache = local
    ? builder.AddLocalRedis("cache")
    : builder.AddRedis("cache");

var migrations = builder.AddProject<Projects.MigrationService>("migrations")
    .WithoutHttpsCertificate()
    .WithReference(appdb)
    .WaitFor(appdb);

builder.AddProject<Projects.Api>("api")
    .WithoutHttpsCertificate()
    .WithReference(appdb)
    .WithReference(cache)
    .WaitFor(appdb)
    .WaitFor(cache)
    .WaitForCompletion(migrations)
    .WithHttpProbe(ProbeType.Readiness, "/health")
    .WithExternalHttpEndpoints();

// The database commands' studio on appdb: started from the dashboard, never deployed.
builder.AddProject<Projects.MigrationService>("studio")
    .WithoutHttpsCertificate()
    .WithArgs("studio")
    .WithHttpEndpoint()
    .WithReference(appdb)
    .WaitForCompletion(migrations)
    .WithHttpHealthCheck("/health")
    .WithStudioLogin()
    .WithExplicitStart()
    .ExcludeFromManifest();

builder.Build().Run();
