using System.Net;
using System.Net.Sockets;

namespace Emergency.Host.Hosting;

/// <summary>
/// Refuses to start on an HTTP port another process holds, naming the port and the setting that gave it. Kestrel
/// would find out only once the silo is up, and stop the start with a stack trace in the log.
/// </summary>
internal static class HttpPorts
{
    public static void EnsureFree(IConfiguration configuration)
    {
        foreach (var url in Split(configuration["Urls"]))
        {
            EnsureFree("Urls", url);
        }

        foreach (var key in new[] { "HTTP_PORTS", "HTTPS_PORTS" })
        {
            foreach (var port in Split(configuration[key]))
            {
                EnsureFree(key, $"http://*:{port}");
            }
        }

        foreach (var endpoint in configuration.GetSection("Kestrel:Endpoints").GetChildren())
        {
            if (endpoint["Url"] is { Length: > 0 } url)
            {
                EnsureFree($"Kestrel:Endpoints:{endpoint.Key}:Url", url);
            }
        }
    }

    private static string[] Split(string? list) => (list ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static void EnsureFree(string key, string url)
    {
        // Kestrel's own forms: a wildcard host (*, +) or a name other than localhost listens on every interface.
        var bindable = url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal);
        if (!Uri.TryCreate(bindable, UriKind.Absolute, out var uri) || uri.Port <= 0)
        {
            // Not a URL this check reads, or port 0 (any free port): Kestrel itself judges it.
            return;
        }

        var address = uri.IsLoopback ? IPAddress.Loopback : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) ? ip : IPAddress.Any;
        var listener = new TcpListener(address, uri.Port);
        try
        {
            listener.Start();
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new EngineConfigurationException(key, $"port {uri.Port} ({url}) is in use by another process (another engine on this machine?); give this one a port of its own");
        }
        catch (SocketException)
        {
            // Another trouble with the address (not this machine's, no IPv6): Kestrel reports it in its own words.
        }
        finally
        {
            listener.Stop();
        }
    }
}
