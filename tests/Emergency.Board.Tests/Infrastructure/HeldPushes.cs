using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Emergency.Board.Tests.Infrastructure;

/// <summary>
/// Stands between the page and the board's hub and holds back the pushes a test picks, the way a slow or lossy path
/// would: a held push reaches the page later, when released, or never, when dropped. Every other message of the real
/// connection passes on in the order it came.
/// </summary>
public sealed partial class HeldPushes
{
    /// <summary>Ends each message of SignalR's JSON protocol; one WebSocket frame may carry several.</summary>
    private const char RecordSeparator = '\u001e';

    private readonly Lock _gate = new();
    private readonly List<(IWebSocketRoute Page, string Message)> _held = [];
    private Func<JsonElement, bool> _hold = _ => false;

    /// <summary>How many pushes are held now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _held.Count;
            }
        }
    }

    /// <summary>Must come before the page connects: routes only see connections opened after them.</summary>
    public Task Install(IPage page) => page.RouteWebSocketAsync(HubPath(), socket =>
    {
        var server = socket.ConnectToServer();
        server.OnMessage(frame => Pass(socket, frame));
    });

    /// <summary>From now on, holds back each push whose change (<c>{ scope, kind, summary, closed }</c>) <paramref name="hold"/> picks.</summary>
    public void Hold(Func<JsonElement, bool> hold)
    {
        lock (_gate)
        {
            _hold = hold;
        }
    }

    /// <summary>Stops holding, and delivers what was held, in the order it came.</summary>
    public void Release()
    {
        lock (_gate)
        {
            foreach (var (page, message) in _held)
            {
                page.Send(message + RecordSeparator);
            }

            Stop();
        }
    }

    /// <summary>Stops holding; what was held never arrives.</summary>
    public void Drop()
    {
        lock (_gate)
        {
            Stop();
        }
    }

    private void Stop()
    {
        _held.Clear();
        _hold = _ => false;
    }

    private void Pass(IWebSocketRoute page, IWebSocketFrame frame)
    {
        if (frame.Text is not { } text)
        {
            page.Send(frame.Binary!);
            return;
        }

        lock (_gate)
        {
            foreach (var message in text.Split(RecordSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                if (IsPicked(message))
                {
                    _held.Add((page, message));
                }
                else
                {
                    page.Send(message + RecordSeparator);
                }
            }
        }
    }

    /// <summary>An invocation of the board's one push method (type 1), whose change the test picked.</summary>
    private bool IsPicked(string message)
    {
        using var json = JsonDocument.Parse(message);
        var root = json.RootElement;
        return root.TryGetProperty("type", out var type) && type.GetInt32() == 1
            && root.TryGetProperty("target", out var target) && target.GetString() == "caseChanged"
            && _hold(root.GetProperty("arguments")[0]);
    }

    [GeneratedRegex("/hubs/board")]
    private static partial Regex HubPath();
}
