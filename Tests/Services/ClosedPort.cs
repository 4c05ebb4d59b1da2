using System.Net;
using System.Net.Sockets;

namespace Tests.Services;

/// <summary>A loopback address where nothing listens, like a dashboard that has already stopped: connections are refused at once.</summary>
internal static class ClosedPort
{
    public static string Url()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}";
    }
}
