using Emergency.Contracts;
using Emergency.Grains.Board;
using Microsoft.AspNetCore.SignalR;

namespace Emergency.Host.Board;

/// <summary>
/// This node's end of the board feed: subscribes to the feed of each scope, renews every few seconds,
/// and pushes what arrives to the browsers connected here. When the feed's epoch changes (it lost its
/// subscribers, e.g. after a node died) the boards here are told to resynchronise.
/// </summary>
public sealed partial class BoardRelay(IGrainFactory grains, IHubContext<BoardHub> hub, TimeProvider time, ILogger<BoardRelay> logger)
    : BackgroundService, IBoardNodeObserver
{
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly HashSet<string> _scopes = [Scopes.Live];
    private readonly Dictionary<string, Guid> _epochs = [];
    private readonly Dictionary<string, DateTimeOffset> _renewed = [];
    private IBoardNodeObserver? _self;

    public Task CaseChanged(BoardUpdate update) =>
        CaseChange.Of(update) is { } change
            ? hub.Clients.Group(BoardHub.Group(update.Scope)).SendAsync(CaseChange.Method, change)
            : Task.CompletedTask;

    /// <summary>Makes sure this node receives a scope's updates before a board starts watching it (a drill's scope, say).</summary>
    public async Task WatchAsync(string scope, CancellationToken cancellationToken)
    {
        bool added;
        lock (_gate)
        {
            added = _scopes.Add(scope);
        }

        if (added && _self is not null)
        {
            await RenewAsync(scope, cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _self = grains.CreateObjectReference<IBoardNodeObserver>(this);
        using var timer = new PeriodicTimer(RenewEvery);
        do
        {
            string[] scopes;
            lock (_gate)
            {
                scopes = [.. _scopes];
            }

            foreach (var scope in scopes)
            {
                await RenewAsync(scope, stoppingToken);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task RenewAsync(string scope, CancellationToken cancellationToken)
    {
        try
        {
            var epoch = await grains.GetGrain<IBoardFeedGrain>(scope).Subscribe(_self!);
            var now = time.GetUtcNow();
            bool restarted;
            lock (_gate)
            {
                // A new epoch means the feed lost its subscribers; a renewal later than the subscription's
                // lifetime (a stalled node) means the feed dropped this node meanwhile. Either way updates
                // may have been missed.
                restarted = (_epochs.TryGetValue(scope, out var known) && known != epoch)
                    || (_renewed.TryGetValue(scope, out var previous) && now - previous > BoardFeedGrain.SubscriptionLifetime);
                _epochs[scope] = epoch;
                _renewed[scope] = now;
            }

            if (restarted)
            {
                await hub.Clients.Group(BoardHub.Group(scope)).SendAsync("resync", "the feed restarted; updates may have been missed", cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The cluster may be busy or losing a node: try again at the next renewal.
            LogRenewFailed(ex, scope);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the board subscription for scope {Scope}")]
    private partial void LogRenewFailed(Exception exception, string scope);
}
