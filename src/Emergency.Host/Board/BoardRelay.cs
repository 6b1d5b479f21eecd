using System.Globalization;
using Emergency.Contracts;
using Emergency.Grains.Board;
using Emergency.Texts;
using Microsoft.AspNetCore.SignalR;

namespace Emergency.Host.Board;

/// <summary>
/// This node's end of the board feed: subscribes to the feed of each scope, renews every few seconds,
/// and pushes what arrives to the browsers connected here. When the feed's epoch changes (it lost its
/// subscribers, e.g. after a node died) the boards here are told to resynchronise.
/// </summary>
public sealed partial class BoardRelay(IGrainFactory grains, IHubContext<BoardHub> hub, TimeProvider time, Domain.Regions.RegionCatalog regions, ILogger<BoardRelay> logger)
    : BackgroundService, IBoardNodeObserver
{
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly HashSet<string> _scopes = [Scopes.Live];
    private readonly Dictionary<string, Guid> _epochs = [];
    private readonly Dictionary<string, DateTimeOffset> _renewed = [];
    private IBoardNodeObserver? _self;

    public async Task CaseChanged(BoardUpdate update)
    {
        if (CaseChange.Of(update) is not { } change)
        {
            return;
        }

        // An incident reaches the boards bound to its region or to a region it lies in (docs/jurisdictions.md).
        IEnumerable<string>? within = update.Incident is { } incident
            ? regions.Resolve(incident.Region).Region is { } region ? [region.Code, .. regions.Ancestors(region).Select(r => r.Code)] : []
            : null;
        foreach (var language in TextRenderer.Languages)
        {
            await SendAsync(update.Scope, language, CaseChange.Method, change, CancellationToken.None, within);
        }
    }

    /// <summary>
    /// Sends to the boards of a scope that read one language, rendering the payload's messages in it: the message is
    /// serialized within this call's flow, which carries the culture set here.
    /// </summary>
    private async Task SendAsync(string scope, CultureInfo language, string method, object payload, CancellationToken cancellationToken, IEnumerable<string>? incidentRegions = null)
    {
        var reader = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = language;
        try
        {
            foreach (var group in BoardHub.GroupsOf(scope, language, incidentRegions))
            {
                await hub.Clients.Group(group).SendAsync(method, payload, cancellationToken);
            }
        }
        finally
        {
            CultureInfo.CurrentUICulture = reader;
        }
    }

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
                foreach (var language in TextRenderer.Languages)
                {
                    await SendAsync(scope, language, "resync", "the feed restarted; updates may have been missed", cancellationToken);
                }
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
