using Emergency.Contracts;
using Emergency.Grains.Board;
using Microsoft.AspNetCore.SignalR;

namespace Emergency.Host.Board;

/// <summary>
/// This node's end of the board feed: subscribes to the feed of each scope, renews every few seconds,
/// and pushes what arrives to the browsers connected here. When the feed's epoch changes (it lost its
/// subscribers, e.g. after a node died) the boards here are told to resynchronise, and so they are when a renewal
/// came so late that the subscription may have lapsed meanwhile.
/// </summary>
public sealed partial class BoardRelay(IGrainFactory grains, IHubContext<BoardHub> hub, EngineClock clock, ILogger<BoardRelay> logger)
    : BackgroundService, IBoardNodeObserver
{
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(5);

    private static readonly string[] Scopes = [IncidentDirectory.LiveScope];

    private readonly Dictionary<string, Guid> _epochs = [];
    private readonly Dictionary<string, DateTimeOffset> _renewing = [];

    public Task IncidentChanged(BoardUpdate update) =>
        hub.Clients.Group(BoardHub.Group(update.Scope)).SendAsync("incidentChanged", update);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var self = grains.CreateObjectReference<IBoardNodeObserver>(this);
        using var timer = new PeriodicTimer(RenewEvery);
        do
        {
            foreach (var scope in Scopes)
            {
                try
                {
                    var renewing = clock.Now;
                    var epoch = await grains.GetGrain<IBoardFeedGrain>(scope).Subscribe(self);

                    // The feed drops a subscription that lapsed, on the engine clock, without a new epoch: a renewal
                    // that late (a stalled node, or an engine clock that jumped in a drill) may have missed updates.
                    var lapsed = _renewing.TryGetValue(scope, out var previous) && clock.Now - previous > BoardFeedGrain.SubscriptionLifetime;
                    if (_epochs.TryGetValue(scope, out var known) && known != epoch)
                    {
                        await hub.Clients.Group(BoardHub.Group(scope)).SendAsync("resync", "the feed restarted; updates may have been missed", stoppingToken);
                    }
                    else if (lapsed)
                    {
                        await hub.Clients.Group(BoardHub.Group(scope)).SendAsync("resync", "the subscription may have lapsed; updates may have been missed", stoppingToken);
                    }

                    _epochs[scope] = epoch;
                    _renewing[scope] = renewing;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The cluster may be busy or losing a node: try again at the next renewal.
                    LogRenewFailed(ex, scope);
                }
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the board subscription for scope {Scope}")]
    private partial void LogRenewFailed(Exception exception, string scope);
}
