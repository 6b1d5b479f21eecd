namespace Emergency.Domain.Disputes;

/// <summary>
/// What the timeline of a petition, a suggestion or a disclosure request records (<see cref="Cases.TimelineEntry{TKind}"/>).
/// Its entries never hold personal data: the timeline is shown to every role and may reach logs.
/// </summary>
public enum DisputeTimelineKind
{
    Registered,
    DeadlineSet,
    DeadlineChanged,
    WindowOpened,
    Transferred,
    AcceptanceDecided,
    WrongAssignmentReturned,
    Assigned,
    Handled,
    ReplyExtended,
    Replied,
    SatisfactionRecorded,
    ReviewRequested,
    ReviewAnswered,
    CommunicationRecorded,
    EarlierCasesLinked,
    ObligationCompleted,
    ObligationOverdue,
    ObligationWithdrawn,
    WindowUsed,
    WindowLapsed,
    WindowWaived,
    Closed,

    /// <summary>An early warning the case belongs to became an incident (预警升级).</summary>
    EscalatedToIncident,

    /// <summary>补正 — a disclosure applicant was asked to correct the request.</summary>
    CorrectionRequested,

    /// <summary>The corrected disclosure request was received.</summary>
    CorrectionReceived,

    /// <summary>征求意见 — a third party or another body was consulted.</summary>
    ConsultationStarted,

    /// <summary>The consulted party's opinion came, or its time ran out.</summary>
    ConsultationEnded,

    /// <summary>The case's personal data was erased a configured time after it closed; its procedure stays.</summary>
    PersonalDataPurged,
}
