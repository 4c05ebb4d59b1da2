namespace MigrationService;

/// <summary>The connection string is missing or unusable: a configuration mistake, not a database failure.</summary>
internal sealed class ConnectionStringException(string message) : Exception(message);
