using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Tests.Infrastructure;

namespace Tests.Api;

/// <summary>Its own app, with a limit of three attempts a minute, so the shared app's generous limit stays out of the way.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task SignUpAndSignInAreLimitedPerClientAddressWithRetryAfter()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var builder = await TestApps.CreateBuilderAsync(cancellation);
        builder.CreateResourceBuilder<ProjectResource>("api").WithEnvironment("RateLimiting__Auth__PermitLimit", "3");
        await using var app = await TestApps.StartAsync(builder, cancellation);
        using var first = ClientFrom(app, "127.0.0.1");
        using var second = ClientFrom(app, "127.0.0.2");
        var attempt = new { email = ApiClient.UniqueEmail(), password = ApiClient.Password };

        using var signUp = await first.PostAsJsonAsync("/api/auth/sign-up", new { name = "A", attempt.email, attempt.password }, cancellation);
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await first.PostAsJsonAsync("/api/auth/sign-in", attempt, cancellation);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var limited = await first.PostAsJsonAsync("/api/auth/sign-in", attempt, cancellation);
        using var limitedSignUp = await first.PostAsJsonAsync("/api/auth/sign-up", new { name = "B", email = ApiClient.UniqueEmail(), attempt.password }, cancellation);
        using var otherClient = await second.PostAsJsonAsync("/api/auth/sign-in", attempt, cancellation);
        using var ping = await first.GetAsync("/api/ping", cancellation);

        Assert.Equal(HttpStatusCode.Created, signUp.StatusCode);
        var problem = await ApiClient.ExpectProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.Contains("Try again", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(HttpStatusCode.TooManyRequests, limitedSignUp.StatusCode);
        Assert.Equal(HttpStatusCode.OK, otherClient.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ping.StatusCode);
    }

    // Linux routes all of 127.0.0.0/8 to the loopback interface: binding the client's end to 127.0.0.2 makes a
    // second client address, as two machines would be.
    private static HttpClient ClientFrom(DistributedApplication app, string address)
    {
        var endpoint = app.ReplicaAddress("api", 0);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
                    await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, endpoint.Port), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = endpoint };
    }
}
