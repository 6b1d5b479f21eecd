namespace Emergency.Domain.Decisions;

/// <summary>What a major decision's timeline records (<see cref="Cases.TimelineEntry{TKind}"/>).</summary>
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
