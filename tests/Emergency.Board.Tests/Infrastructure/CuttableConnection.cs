using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Emergency.Board.Tests.Infrastructure;

/// <summary>
/// Stands between the page and the board's hub, so that a test can cut the live connection the way a network
/// would (the socket drops, new attempts fail) while the engine and the API go on, and then restore it.
/// </summary>
public sealed partial class CuttableConnection
{
    private readonly Lock _gate = new();
    private readonly List<(IWebSocketRoute Page, IWebSocketRoute Server)> _open = [];
    private volatile bool _cut;
    private int _connections;

    /// <summary>How many WebSockets the page has opened to the hub.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>Must come before the page connects: routes only see connections opened after them.</summary>
    public async Task Install(IPage page)
    {
        // Negotiation and the fallback transports are plain HTTP under the hub's path.
        await page.RouteAsync(HubPath(), async route =>
        {
            if (_cut)
            {
                await route.AbortAsync("internetdisconnected");
            }
            else
            {
                await route.ContinueAsync();
            }
        });
        await page.RouteWebSocketAsync(HubPath(), socket =>
        {
            if (_cut)
            {
                _ = socket.CloseAsync(new() { Code = 1011, Reason = "network cut" });
                return;
            }

            var server = socket.ConnectToServer();
            lock (_gate)
            {
                _open.Add((socket, server));
            }

            Interlocked.Increment(ref _connections);
        });
    }

    /// <summary>Drops every open connection on both sides, and fails every new attempt until <see cref="Restore"/>.</summary>
    public async Task Cut()
    {
        _cut = true;
        List<(IWebSocketRoute Page, IWebSocketRoute Server)> open;
        lock (_gate)
        {
            open = [.. _open];
            _open.Clear();
        }

        foreach (var (page, server) in open)
        {
            await server.CloseAsync(new() { Code = 1001, Reason = "network cut" });
            await page.CloseAsync(new() { Code = 1011, Reason = "network cut" });
        }
    }

    public void Restore() => _cut = false;

    [GeneratedRegex("/hubs/board")]
    private static partial Regex HubPath();
}
