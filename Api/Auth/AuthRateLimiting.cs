using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Api.Auth;

/// <summary>Configuration section <c>RateLimiting:Auth</c>: attempts per client address and window.</summary>
public sealed class AuthRateLimitOptions
{
    public const string Section = "RateLimiting:Auth";

    public int PermitLimit { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

// Sign-up and sign-in cost a password hash each and invite guessing: a fixed window per client address
// bounds both. ASP.NET Core's rate limiter; the answer is 429 with Retry-After.
internal static class AuthRateLimiting
{
    public const string PolicyName = "auth";

    public static IHostApplicationBuilder AddAuthRateLimiting(this IHostApplicationBuilder builder)
    {
        var limits = builder.Configuration.GetSection(AuthRateLimitOptions.Section).Get<AuthRateLimitOptions>() ?? new();

        builder.Services.AddRateLimiter(options =>
        {
            options.AddPolicy(PolicyName, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PermitLimit, Window = limits.Window, QueueLimit = 0 }));

            options.OnRejected = async (rejected, cancellationToken) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : limits.Window;
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                var response = rejected.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await rejected.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = rejected.HttpContext,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Detail = $"Too many attempts from this address. Try again in {seconds} s.",
                    },
                });
            };
        });

        return builder;
    }
}
