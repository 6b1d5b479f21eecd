using Emergency.Domain.Messages;

namespace Emergency.Domain.Incidents;

/// <summary>One line of an incident's timeline: what happened, when, and who did it. Never edited or removed.</summary>
public sealed record TimelineEntry
{
    public required int Seq { get; init; }

    /// <summary>When it happened (a stated completion time, or a deadline that passed).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>When the engine recorded it.</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    public required string Actor { get; init; }

    public required TimelineKind Kind { get; init; }

    /// <summary>What happened, as a message; a line recorded before texts had codes loads as a literal.</summary>
    public required Message Text { get; init; }

    public string? Obligation { get; init; }
}

public enum TimelineKind
{
    Registered,
    Graded,
    DeadlineSet,
    FactsUpdated,
    Regraded,
    DeadlineChanged,
    ObligationCompleted,
    ObligationOverdue,
    ReportFiled,
    Closed,

    /// <summary>A report, claim or step was shown untrue (谎报/瞒报/漏报).</summary>
    CorrectionRecorded,

    /// <summary>An obligation is open again because its completion was shown untrue.</summary>
    ObligationReopened,

    /// <summary>A party warned downstream of a river spill confirmed it received the warning.</summary>
    WarningAcknowledged,

    /// <summary>A public information release was drafted: a first alert, an update, a correction or a withdrawal.</summary>
    ReleaseDrafted,

    ReleaseApproved,

    ReleasePublished,

    /// <summary>A hop of the reporting chain sent, skipped, or followed by its written report.</summary>
    HopRecorded,

    /// <summary>An alert (a step overdue or due within the hour) was acknowledged: who took it on, when.</summary>
    AlertAcknowledged,
}
