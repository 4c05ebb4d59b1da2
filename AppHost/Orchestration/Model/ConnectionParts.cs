namespace AppHost.Orchestration;

/// <summary>
/// The parts of a connection that differ between a local run and a deployment: concrete values when the engine
/// runs the model, <c>{resource.property}</c> expressions in a manifest, service names and <c>${VARIABLES}</c> in
/// Compose. The formats around them (connection strings, Aspire's connection properties) are written once, on the
/// resources, so every mode gives the same variables.
/// </summary>
internal sealed record ConnectionParts(string Host, string Port, string Password, string PasswordInUri);
