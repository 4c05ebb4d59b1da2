using Npgsql;

namespace AppHost.Orchestration;

/// <summary>
/// Creates a database once its server is healthy (<c>CREATE DATABASE</c>, "already exists" ignored, as Aspire does),
/// then reports it Running and Healthy; it follows its server down when the server stops.
/// </summary>
internal sealed class PostgresDatabaseController(PostgresDatabaseResource database, EngineContext context)
    : ResourceController(database, context)
{
    public override async Task RunAsync(CancellationToken cancellationToken)
    {
        Publish(database.Name, s => s with { State = KnownResourceStates.Waiting });
        var server = await Context.Notifications.WaitForResourceAsync(
            database.Server.Name, s => s.State == KnownResourceStates.Running && s.Health == HealthStatus.Healthy || s.IsTerminal,
            cancellationToken);
        if (server.IsTerminal)
        {
            Fail($"server '{database.Server.Name}' is {server.State}");
            return;
        }

        if (Resource.Waits.Count > 0 && await new DependencyWaiter(Context.Notifications).WaitAsync(Resource, cancellationToken) is { } failure)
        {
            Fail(failure);
            return;
        }

        Publish(database.Name, s => s with { State = KnownResourceStates.Starting });
        try
        {
            await CreateDatabaseAsync(cancellationToken);
        }
        catch (NpgsqlException e)
        {
            Fail($"could not create database \"{database.DatabaseName}\": {e.Message}");
            return;
        }

        Publish(database.Name, s => s with
        {
            State = KnownResourceStates.Running,
            Health = HealthStatus.Healthy,
            StartedAt = DateTimeOffset.UtcNow,
            ConnectionString = database.ConnectionString,
        });
        _ = FollowServerAsync(cancellationToken);
    }

    public override Task StopAsync() => Task.CompletedTask;

    private async Task CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.Server.ConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection))
        {
            // Checked first so a normal restart does not leave an "already exists" ERROR in the server's log.
            exists.Parameters.Add(new NpgsqlParameter { Value = database.DatabaseName });
            if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return;
            }
        }

        var quoted = "\"" + database.DatabaseName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using var command = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Already there from an earlier run (or created concurrently): exactly what we wanted.
        }
    }

    private async Task FollowServerAsync(CancellationToken cancellationToken)
    {
        try
        {
            var server = await Context.Notifications.WaitForResourceAsync(
                database.Server.Name, s => s.IsTerminal, cancellationToken);
            Publish(database.Name, s => s with
            {
                State = KnownResourceStates.Exited,
                Health = null,
                StoppedAt = DateTimeOffset.UtcNow,
            });
        }
        catch (OperationCanceledException)
        {
        }
    }
}
