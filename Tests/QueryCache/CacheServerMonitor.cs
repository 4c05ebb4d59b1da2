using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using StackExchange.Redis;

namespace Tests.QueryCache;

/// <summary>
/// Every command the cache server receives, as the server itself reports it (Redis's MONITOR on a connection of its
/// own): what a test sees here is what the API really sent, whatever its own counters say.
/// </summary>
internal sealed class CacheServerMonitor : IAsyncDisposable
{
    private readonly TcpClient client;
    private readonly StreamReader reader;
    private readonly ConcurrentQueue<string> lines = new();
    private readonly Task reading;

    private CacheServerMonitor(TcpClient client, StreamReader reader)
    {
        this.client = client;
        this.reader = reader;
        reading = Task.Run(ReadAsync);
    }

    public static async Task<CacheServerMonitor> StartAsync(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        var (host, port) = options.EndPoints.Single() switch
        {
            DnsEndPoint dns => (dns.Host, dns.Port),
            IPEndPoint ip => (ip.Address.ToString(), ip.Port),
            var other => throw new InvalidOperationException($"Unexpected cache endpoint {other}."),
        };
        var client = new TcpClient();
        await client.ConnectAsync(host, port);
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.UTF8);
        if (options.Password is { } password)
        {
            await SendAsync(stream, "AUTH", password);
            Assert.Equal("+OK", await reader.ReadLineAsync());
        }

        await SendAsync(stream, "MONITOR");
        Assert.Equal("+OK", await reader.ReadLineAsync());
        return new CacheServerMonitor(client, reader);
    }

    /// <summary>The commands seen so far whose first argument starts with the prefix (a key or a channel name).</summary>
    public IReadOnlyList<string> CommandsOn(string prefix) =>
        lines.Select(line => line.Split(" \"", 3))
            .Where(parts => parts.Length == 3 && parts[2].StartsWith(prefix, StringComparison.Ordinal))
            .Select(parts => parts[1].TrimEnd('"').ToUpperInvariant())
            .ToList();

    /// <summary>Waits until a command on the prefix shows up, for at most five seconds.</summary>
    public async Task<bool> WaitForAsync(string command, string prefix)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (!CommandsOn(prefix).Contains(command) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        return CommandsOn(prefix).Contains(command);
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        await reading;
    }

    private static Task SendAsync(NetworkStream stream, params string[] arguments)
    {
        var command = new StringBuilder().Append('*').Append(arguments.Length).Append("\r\n");
        foreach (var argument in arguments)
        {
            command.Append('$').Append(Encoding.UTF8.GetByteCount(argument)).Append("\r\n").Append(argument).Append("\r\n");
        }

        return stream.WriteAsync(Encoding.UTF8.GetBytes(command.ToString())).AsTask();
    }

    private async Task ReadAsync()
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                lines.Enqueue(line);
            }
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            // The monitor was closed.
        }
    }
}
