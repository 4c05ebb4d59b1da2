namespace Api.Apis.Contracts;

public sealed record SignUpRequest(string Name, string Email, string Password);

public sealed record SignInRequest(string Email, string Password);

/// <summary>What sign-up and sign-in return: the bearer token, shown once, and whom it signs in.</summary>
public sealed record SessionResponse(string Token, DateTimeOffset ExpiresAt, UserResponse User);

public sealed record CurrentSessionResponse(DateTimeOffset ExpiresAt, UserResponse User);

public sealed record UserResponse(string Id, string Name, string Email, bool EmailVerified, string? Image, DateTimeOffset CreatedAt);

/// <summary>Fields left out are unchanged; <c>image: ""</c> removes the image.</summary>
public sealed record UpdateUserRequest(string? Name = null, string? Image = null);
