using System.Net;
using System.Net.Sockets;

namespace AppHost.LocalProcesses;

/// <summary>
/// The local servers listen on their endpoint's port themselves, with no proxy in front: one hop less on every
/// query. The orchestrator allocates ports only for proxied endpoints, so a proxy-less endpoint without a port gets
/// a free one here, picked by the OS, before the app starts.
/// </summary>
internal static class LocalEndpoints
{
    public static void AssignFreePort(IResourceWithEndpoints resource, string endpointName)
    {
        var endpoint = resource.Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == endpointName);
        if (endpoint.Port is null)
        {
            endpoint.Port = endpoint.TargetPort = FreePort();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
