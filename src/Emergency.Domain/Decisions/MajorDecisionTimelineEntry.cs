using Emergency.Domain.Messages;

namespace Emergency.Domain.Decisions;

/// <summary>One line of a major decision's timeline: what happened, when, and who did it. Never edited or removed.</summary>
public sealed record MajorDecisionTimelineEntry
{
    public required int Seq { get; init; }

    /// <summary>When it happened (a stated time, such as the day the comment period opened).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>When the engine recorded it.</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    public required string Actor { get; init; }

    public required MajorDecisionTimelineKind Kind { get; init; }

    /// <summary>What happened, as a message; a line stored before texts had codes loads as a literal.</summary>
    public required Message Text { get; init; }

    /// <summary>The assessment round it belongs to, once there is one.</summary>
    public int? Round { get; init; }
}

public enum MajorDecisionTimelineKind
{
    Drafted,
    Submitted,
    AssessmentPlanned,
    PublicCommentOpened,
    PublicCommentClosed,
    ViewsRecorded,
    PublicOpinionAttached,
    ViewsHeard,
    FindingRecorded,
    RiskRated,
    MitigationRecorded,
    ReportWritten,
    ReviewRecorded,
    ProposalChanged,
    AssessmentReopened,
    CollectiveDecisionTaken,

    /// <summary>The comment period has run its minimum: it may close from now on.</summary>
    CommentMinimumRun,

    /// <summary>A regional approval restriction on the region came into force: approval is blocked while it stands.</summary>
    RestrictionInForce,

    /// <summary>A regional approval restriction on the region no longer stands.</summary>
    RestrictionLifted,
}
