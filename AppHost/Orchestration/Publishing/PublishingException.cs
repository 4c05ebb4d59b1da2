namespace AppHost.Orchestration;

/// <summary>A publish the user asked for cannot be done as asked: shown as one line, exit code 2, nothing written.</summary>
internal sealed class PublishingException(string message) : Exception(message);
