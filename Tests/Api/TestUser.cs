namespace Tests.Api;

/// <summary>A user signed up through the API for one test, with the bearer token it was given.</summary>
internal sealed record TestUser(string Id, string Name, string Email, string Token);
