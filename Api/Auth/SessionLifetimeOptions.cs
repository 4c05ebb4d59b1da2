namespace Api.Auth;

/// <summary>Configuration section <c>Auth</c>.</summary>
public sealed class SessionLifetimeOptions
{
    public const string Section = "Auth";

    /// <summary>How long a session lasts after sign-up or sign-in.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromDays(7);
}
