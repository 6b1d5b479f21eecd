using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

using Emergency.Testing;

namespace Emergency.EndToEnd.Tests;

/// <summary>
/// A board as the page behaves: a SignalR connection to one node that, when the node goes away, keeps trying
/// to reconnect to the same address; once back it watches its scope again and loads the snapshot
/// (<c>GET /api/board</c>), which is the truth it resynchronises on.
/// </summary>
public sealed class ReconnectingBoard : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly ConcurrentDictionary<string, int> _updates = new();
    private readonly Func<EngineProcess> _node;
    private int _lost;
    private int _reconnected;

    private ReconnectingBoard(HubConnection connection, Func<EngineProcess> node)
    {
        _connection = connection;
        _node = node;
    }

    /// <summary>How many times the connection was lost.</summary>
    public int Lost => _lost;

    /// <summary>How many times it came back, watched its scope again and loaded a snapshot.</summary>
    public int Resynchronised => _reconnected;

    public bool Connected => _connection.State == HubConnectionState.Connected;

    /// <summary>
    /// The ids in the latest snapshot the board loaded; when it held only the most urgent incidents
    /// (<c>incidentsComplete</c> false), with the rest as the open list's pages give them, as an officer would page it.
    /// </summary>
    public IReadOnlySet<string> Snapshot { get; private set; } = new HashSet<string>();

    /// <summary>Whether the latest snapshot held only the most urgent incidents.</summary>
    public bool Partial { get; private set; }

    public int Updates(string id) => _updates.GetValueOrDefault(id);

    /// <param name="node">The node at the board's address now (a restarted node is a new process at the same address).</param>
    /// <param name="cancellationToken">Cancels the first connection and snapshot.</param>
    public static async Task<ReconnectingBoard> ConnectAsync(Func<EngineProcess> node, CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(node().BaseAddress, "/hubs/board"), options => options.AccessTokenProvider = () => Task.FromResult<string?>("observer-dev-token"))
            .WithAutomaticReconnect(new EveryHalfSecond())
            .Build();
        var board = new ReconnectingBoard(connection, node);
        connection.On<JsonElement>("caseChanged", change =>
            board._updates.AddOrUpdate(change.GetProperty("summary").GetProperty("id").GetString()!, 1, (_, n) => n + 1));
        connection.Reconnecting += _ =>
        {
            Interlocked.Increment(ref board._lost);
            return Task.CompletedTask;
        };
        connection.Reconnected += async _ =>
        {
            // The node may still be joining its cluster: the snapshot can be refused (503) for a moment.
            for (var attempt = 0; attempt < 60; attempt++)
            {
                try
                {
                    await board.ResynchroniseAsync(CancellationToken.None);
                    Interlocked.Increment(ref board._reconnected);
                    return;
                }
                catch (Exception ex) when (ex is HttpRequestException or HubException or InvalidOperationException or TaskCanceledException)
                {
                    await Task.Delay(500);
                }
            }
        };
        await connection.StartAsync(cancellationToken);
        await board.ResynchroniseAsync(cancellationToken);
        return board;
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    private async Task ResynchroniseAsync(CancellationToken cancellationToken)
    {
        await _connection.InvokeAsync("Watch", "live", cancellationToken);
        (Snapshot, Partial) = await OpenIncidents.ReadAsync(_node().Http, cancellationToken);
    }

    /// <summary>Tries again every half second for two minutes: a node restart takes seconds, not minutes.</summary>
    private sealed class EveryHalfSecond : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext retryContext) =>
            retryContext.ElapsedTime < TimeSpan.FromMinutes(2) ? TimeSpan.FromMilliseconds(500) : null;
    }
}
