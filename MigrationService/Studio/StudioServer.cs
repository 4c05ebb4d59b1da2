using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using MigrationService.Targets;
using Npgsql;

namespace MigrationService.Studio;

/// <summary>The studio: a small Kestrel app on 127.0.0.1 serving one page and the JSON API behind it.</summary>
internal static class StudioServer
{
    public static async Task RunAsync(DatabaseTarget target, StudioLaunch launch, bool readOnly, CancellationToken cancellationToken)
    {
        var port = launch.Port;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        builder.Services.AddProblemDetails();

        await using var dataSource = NpgsqlDataSource.Create(target.ConnectionString);

        // A wrong password or a missing database is said now, in one line, not on the first page load.
        await using (await dataSource.OpenConnectionAsync(cancellationToken))
        {
        }

        var tables = new StudioTables(dataSource);
        await using var app = builder.Build();
        var access = new StudioAccess(launch.GivenToken);
        app.Use(access.RequireTokenAsync);
        StaticPage.Map(app);
        app.MapGet(StudioAccess.HealthPath, () => Results.Text("Healthy"));
        app.MapGet("/api/info", async (CancellationToken ct) => Results.Ok(new
        {
            target = target.Describe(),
            readOnly,
            tables = (await tables.ReadAsync(ct)).Values.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => new
            {
                name = t.Name,
                key = StudioTables.KeyColumn(t),
                columns = t.Columns.Values.Select(c => new { name = c.Name, type = c.Type, nullable = c.Nullable, hasDefault = c.Default is not null }),
            }),
        }));
        new TableRowsApi(dataSource, tables, new NewRowIds(target.ConnectionString), readOnly).Map(app);
        QueryApi.Map(app, dataSource);

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException exception)
        {
            throw new CommandFailure($"the studio cannot listen on 127.0.0.1:{port} ({exception.Message}): pick another --port, or leave it out for a free one.");
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var boundPort = new Uri(address).Port;
        // A launcher's token stays out of the output, which the launcher keeps as the resource's console log.
        Console.WriteLine(launch.GivenToken is null
            ? $"Studio: http://127.0.0.1:{boundPort}/?t={access.Token}"
            : $"Studio: http://127.0.0.1:{boundPort}/ (open it with the token of {StudioLaunch.TokenVariable}: /?t=...)");
        Console.WriteLine(readOnly
            ? "Read-only (prod): browse and query only; restart with --allow-writes to change rows."
            : "Rows can be edited, inserted and deleted (each asks first). The SQL runner is read-only.");
        Console.WriteLine("Press Ctrl+C to stop.");
        await app.WaitForShutdownAsync(cancellationToken);
    }
}
