using Microsoft.Extensions.Logging;
using Npgsql;

namespace AppHost.LocalProcesses;

/// <summary>
/// A database's state, which Aspire copies from a container parent but not from an executable: it follows its
/// server's, except that it is Running only once its server is healthy and the database exists (created here).
/// </summary>
internal sealed class LocalDatabaseLifecycle(LocalPostgresDatabaseResource database, ResourceNotificationService notifications, ILogger log)
{
    private bool created;

    // The server state last copied to the database: the server publishes many updates of the same state.
    private string? followed;

    private LocalPostgresServerResource Server => database.Parent;

    public async Task FollowServerAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in notifications.WatchAsync(cancellationToken))
            {
                var state = change.Snapshot.State?.Text;
                if (change.Resource != Server || string.IsNullOrEmpty(state))
                {
                    continue;
                }

                if (state == KnownResourceStates.Running)
                {
                    // Created once per start of the server, as soon as it answers. From then on the database's health
                    // (its own check and its server's) says how it is; a passing health failure is not a new start.
                    if (!created && change.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
                    {
                        await TryCreateAsync(cancellationToken);
                    }

                    continue;
                }

                created = false;
                if (state == followed)
                {
                    continue;
                }

                followed = state;
                await notifications.PublishUpdateAsync(database, s => s with
                {
                    State = state,
                    StartTimeStamp = null,
                    StopTimeStamp = change.Snapshot.StopTimeStamp,
                });
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private async Task TryCreateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CreateIfMissingAsync(cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            log.DatabaseNotCreated(database.DatabaseName, e.Message);
            await notifications.PublishUpdateAsync(database, s => s with { State = KnownResourceStates.FailedToStart });
            return;
        }

        await notifications.PublishUpdateAsync(database, s => s with
        {
            State = KnownResourceStates.Running,
            StartTimeStamp = DateTime.UtcNow,
            StopTimeStamp = null,
        });
        created = true;
        followed = null;
    }

    private async Task CreateIfMissingAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(await Server.ConnectionStringExpression.GetValueAsync(cancellationToken))
        {
            Database = "postgres",
            Pooling = false,
        };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection))
        {
            // Asked first, so a normal restart leaves no "already exists" ERROR in the server's log.
            exists.Parameters.Add(new NpgsqlParameter { Value = database.DatabaseName });
            if (await exists.ExecuteScalarAsync(cancellationToken) is not null)
            {
                return;
            }
        }

        var quoted = "\"" + database.DatabaseName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
        try
        {
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Created concurrently since the check: what was wanted.
        }
    }
}
