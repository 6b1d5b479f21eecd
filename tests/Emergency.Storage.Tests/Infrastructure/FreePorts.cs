using System.Net;
using System.Net.Sockets;

namespace Emergency.Storage.Tests.Infrastructure;

internal static class FreePorts
{
    // Orleans reports no "address in use" when two silos share ports, so every test silo gets ports the OS
    // just handed out.
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
