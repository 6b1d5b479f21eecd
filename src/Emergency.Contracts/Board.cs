using Emergency.Domain.Incidents;
using Orleans.Concurrency;

namespace Emergency.Contracts;

/// <summary>
/// One change of an incident, as pushed to the boards: the whole summary at its version, so that applying
/// the newest one is always right. A board that sees a version gap reloads its snapshot.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record BoardUpdate
{
    [Id(0)]
    public required string Scope { get; init; }

    [Id(1)]
    public required IncidentSummary Incident { get; init; }
}

/// <summary>A node of the cluster that relays board updates to the browsers connected to it.</summary>
public interface IBoardNodeObserver : IGrainObserver
{
    /// <summary>An incident changed.</summary>
    [OneWay]
    Task IncidentChanged(BoardUpdate update);
}

/// <summary>
/// Fans board updates of one scope out to every node, keyed by scope. Nodes subscribe again and again;
/// the epoch changes whenever the feed lost its subscribers (a new activation), which tells each node to
/// have its boards resynchronise.
/// </summary>
public interface IBoardFeedGrain : IGrainWithStringKey
{
    /// <summary>Subscribes or renews a node; returns the feed's epoch.</summary>
    Task<Guid> Subscribe(IBoardNodeObserver node);

    Task Unsubscribe(IBoardNodeObserver node);

    /// <summary>Sends an update to every subscribed node.</summary>
    [OneWay]
    Task Publish(BoardUpdate update);
}
