using System.Net.Sockets;
using System.Text;

namespace AppHost.Orchestration;

/// <summary>Healthy when the server accepts the password and answers PING, spoken in plain RESP.</summary>
internal sealed class RedisHealthProbe(RedisResource cache) : IHealthProbe
{
    public async Task<string?> CheckAsync(int replica, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", cache.Endpoint.AllocatedPort, timeout.Token);
            var stream = client.GetStream();
            var request = $"*2\r\n$4\r\nAUTH\r\n${cache.Password.Value.Length}\r\n{cache.Password.Value}\r\n*1\r\n$4\r\nPING\r\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes(request), timeout.Token);
            var buffer = new byte[256];
            var received = new StringBuilder();
            while (!received.ToString().Contains("PONG", StringComparison.Ordinal) && !received.ToString().StartsWith('-'))
            {
                var read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    break;
                }

                received.Append(Encoding.ASCII.GetString(buffer, 0, read));
            }

            var reply = received.ToString();
            return reply.StartsWith("+OK\r\n+PONG", StringComparison.Ordinal) ? null : $"unexpected reply: {reply.Trim()}";
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return e.Message;
        }
    }
}
