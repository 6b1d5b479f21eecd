using System.Net;
using System.Net.Sockets;
using Emergency.Storage;

namespace Emergency.Host.Hosting;

/// <summary>
/// Refuses to start on Orleans ports another process holds. Orleans itself says nothing when two silos on one
/// machine are given the same port: the second one then answers for the first one's address.
/// </summary>
internal static class OrleansPorts
{
    public static void EnsureFree(EngineSettings settings)
    {
        // The embedded default listens on loopback only; a cluster node on the address it advertises.
        var address = settings.Storage.Provider == StorageProvider.Sqlite ? IPAddress.Loopback : settings.AdvertisedAddress;
        EnsureFree("Cluster:SiloPort", address, settings.SiloPort);
        if (settings.GatewayPort != 0)
        {
            EnsureFree("Cluster:GatewayPort", address, settings.GatewayPort);
        }
    }

    private static void EnsureFree(string key, IPAddress address, int port)
    {
        var listener = new TcpListener(address, port);
        try
        {
            listener.Start();
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new EngineConfigurationException(key, $"port {port} on {address} is in use by another process (another engine on this machine?); give this one a port of its own");
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressNotAvailable)
        {
            throw new EngineConfigurationException(key, $"{address} is not an address of this machine, so port {port} cannot be opened on it (Cluster:AdvertisedAddress)");
        }
        finally
        {
            listener.Stop();
        }
    }
}
