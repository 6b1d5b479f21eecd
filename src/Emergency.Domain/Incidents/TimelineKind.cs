namespace Emergency.Domain.Incidents;

/// <summary>What an incident's timeline records (<see cref="Cases.TimelineEntry{TKind}"/>).</summary>
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
