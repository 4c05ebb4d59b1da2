using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Tests.Services;

/// <summary>
/// The smallest OTLP/HTTP endpoint a service can export to: it takes every request to <c>/v1/{signal}</c>, answers
/// 200 and keeps the bodies. OTLP protobuf carries strings as plain UTF-8, so a test finds a span or a log line by a
/// text it put there, without decoding the messages.
/// </summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<(string Signal, string Body)> received = new();

    private OtlpReceiver(WebApplication app) => this.app = app;

    public string Endpoint => app.Urls.Single();

    /// <summary>Listens on <paramref name="url"/>, or on a free loopback port.</summary>
    public static async Task<OtlpReceiver> StartAsync(string url = "http://127.0.0.1:0")
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        var receiver = new OtlpReceiver(builder.Build());
        receiver.app.MapPost("/v1/{signal}", async (string signal, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            receiver.received.Enqueue((signal, Encoding.UTF8.GetString(body.ToArray())));
            return Results.Ok();
        });
        await receiver.app.StartAsync(TestContext.Current.CancellationToken);
        return receiver;
    }

    /// <summary>Whether a request for <paramref name="signal"/> (traces, logs, metrics) carried <paramref name="text"/>.</summary>
    public bool Received(string signal, string text) =>
        received.Any(r => r.Signal == signal && r.Body.Contains(text, StringComparison.Ordinal));

    /// <summary>What arrived, for a failing assertion's message: each request's signal and size.</summary>
    public string Summary => string.Join(", ", received.Select(r => $"{r.Signal} ({r.Body.Length} bytes)"));

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
