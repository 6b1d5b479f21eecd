using Emergency.Contracts;

namespace Emergency.Grains.Board;

/// <summary>
/// Keeps the nodes subscribed to one scope's updates, in memory only, timed on the real clock (the
/// engine clock may jump in tests and drills; subscriptions are infrastructure): nodes renew their subscription
/// every few seconds, so a new activation (after a node loss) is complete again within one renewal, and
/// its new epoch makes every board reload its snapshot meanwhile.
/// </summary>
public sealed class BoardFeedGrain(TimeProvider time) : Grain, IBoardFeedGrain
{
    /// <summary>A node that has not renewed for this long is dropped (it renews every 5 s).</summary>
    public static readonly TimeSpan SubscriptionLifetime = TimeSpan.FromSeconds(30);

    private readonly Dictionary<IBoardNodeObserver, DateTimeOffset> _nodes = [];
    private readonly Guid _epoch = Guid.NewGuid();

    public Task<Guid> Subscribe(IBoardNodeObserver node)
    {
        _nodes[node] = time.GetUtcNow() + SubscriptionLifetime;
        return Task.FromResult(_epoch);
    }

    public Task Unsubscribe(IBoardNodeObserver node)
    {
        _nodes.Remove(node);
        return Task.CompletedTask;
    }

    public Task Publish(BoardUpdate update)
    {
        var now = time.GetUtcNow();
        foreach (var (node, expires) in _nodes.ToList())
        {
            if (expires < now)
            {
                _nodes.Remove(node);
                continue;
            }

            // One-way: a node that died is dropped when its subscription lapses.
            node.CaseChanged(update).Ignore();
        }

        return Task.CompletedTask;
    }
}
