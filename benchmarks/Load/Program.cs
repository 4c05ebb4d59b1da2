using Load;

// Requests/s and p50/p99 latency of the API under wrk, on loopback; see the README's "API under load" section.
var options = LoadOptions.Parse(args);
Console.WriteLine($"Starting the app (Release API, {Environment.ProcessorCount} cores); wrk -t{options.Threads} -c{options.Connections} -d{options.Seconds}s per endpoint.");

var builder = await BenchmarkApp.CreateBuilderAsync();
// Sign-in is measured, not rate limited: lift the per-client limit for this run only.
builder.CreateResourceBuilder<ProjectResource>("api").WithEnvironment("RateLimiting__Auth__PermitLimit", "100000000");
await using var app = await BenchmarkApp.StartAsync(builder);

// The API process itself, not the orchestrator's proxy in front of it.
var api = await app.ReplicaAddressAsync("api", 0);
var fixture = await LoadFixture.CreateAsync(api);
var endpoints = new[]
{
    new WrkRequest("GET /api/ping (no database: the ceiling)", "GET", "/api/ping"),
    new WrkRequest("GET /api/organizations/{slug} (cached handle)", "GET", $"/api/organizations/{fixture.Slug}"),
    new WrkRequest("GET /api/users/me (bearer session, direct handle)", "GET", "/api/users/me", Token: fixture.Token),
    new WrkRequest("POST /api/auth/sign-in (PBKDF2 + session insert)", "POST", "/api/auth/sign-in", Body: fixture.SignInBody),
};

var results = new List<WrkResult>();
foreach (var endpoint in endpoints)
{
    Console.WriteLine($"  {endpoint.Name}...");
    results.Add(await Wrk.RunAsync(api, endpoint, options));
}

WrkResult.PrintTable(results);
return results.Any(result => result.Errors > 0) ? 1 : 0;
