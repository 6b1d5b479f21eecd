using Emergency.Domain.Messages;

namespace Emergency.Domain.Enforcement;

/// <summary>One line of an enforcement entry's timeline. Never edited or removed.</summary>
public sealed record EnforcementTimelineEntry
{
    public required int Seq { get; init; }

    /// <summary>When it happened (for a missed deadline: the deadline).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>When the engine recorded it.</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    public required string Actor { get; init; }

    public required EnforcementTimelineKind Kind { get; init; }

    /// <summary>What happened, as a message; a line stored before texts had codes loads as a literal.</summary>
    public required Message Text { get; init; }
}

public enum EnforcementTimelineKind
{
    SupervisionListed,
    RectificationOverdue,
    SupervisionLifted,
    Blacklisted,
    RemovedFromBlacklist,
    RestrictionSet,
    RestrictionLifted,
}
