using Emergency.Domain.Decisions;
using Emergency.Domain.Disputes;
using Emergency.Domain.Disputes.EarlyWarning;
using Emergency.Domain.Enforcement;
using Emergency.Domain.Incidents;
using Orleans.Concurrency;

namespace Emergency.Contracts;

/// <summary>
/// One change of a case, as pushed to the boards: the whole summary at its version, so that applying the newest one
/// is always right. A board that sees a version gap reloads its snapshot. Exactly one of the summaries is set, by
/// the kind of case that changed; the board puts it in that kind's lane.
/// </summary>
/// <remarks>
/// Passed by reference ([Immutable]): the summaries come from the same builders as those the cases publish to their
/// lists (SummaryOf), detached snapshots that share no mutable object with a case's state (the domain property tests
/// check it); the warning is handed out with its own copy of the evidence.
/// </remarks>
[GenerateSerializer]
[Immutable]
public sealed record BoardUpdate
{
    [Id(0)]
    public required string Scope { get; init; }

    [Id(1)]
    public IncidentSummary? Incident { get; init; }

    [Id(2)]
    public DisputeSummary? Dispute { get; init; }

    [Id(3)]
    public MajorDecisionSummary? Decision { get; init; }

    /// <summary>The enforcement registry of the scope: the regional approval restrictions in force.</summary>
    [Id(4)]
    public EnforcementSummary? Enforcement { get; init; }

    /// <summary>An early warning raised or escalated (not a case: it has no lane of its own, it shows in the disputes lane).</summary>
    [Id(5)]
    public EarlyWarningRecord? Warning { get; init; }
}

/// <summary>A node of the cluster that relays board updates to the browsers connected to it.</summary>
public interface IBoardNodeObserver : IGrainObserver
{
    /// <summary>A case changed.</summary>
    [OneWay]
    Task CaseChanged(BoardUpdate update);
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
