using System.Net;
using System.Net.Sockets;

namespace AppHost.Orchestration;

/// <summary>
/// Gives each endpoint its port: the preferred one when it is free, otherwise one the OS picks
/// (bind to port 0 and read it back). A busy port is never fatal.
/// </summary>
internal sealed class PortAllocator(bool randomize, Action<string> log)
{
    private readonly HashSet<int> handedOut = [];

    public int Allocate(string owner, int? preferred)
    {
        lock (handedOut)
        {
            if (!randomize && preferred is { } wanted)
            {
                if (!handedOut.Contains(wanted) && IsFree(wanted))
                {
                    handedOut.Add(wanted);
                    return wanted;
                }

                log($"{owner}: port {wanted} is in use, taking another.");
            }

            while (true)
            {
                var port = FreePort();
                if (handedOut.Add(port))
                {
                    return port;
                }
            }
        }
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var ipv4 = new TcpListener(IPAddress.Loopback, port);
            ipv4.Start();
            ipv4.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
