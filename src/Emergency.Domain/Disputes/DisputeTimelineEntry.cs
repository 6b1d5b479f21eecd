using Emergency.Domain.Messages;

namespace Emergency.Domain.Disputes;

/// <summary>
/// One line of a petition's or suggestion's timeline. Never edited or removed, and never holds personal data: the
/// timeline is shown to every role and may reach logs.
/// </summary>
public sealed record DisputeTimelineEntry
{
    public required int Seq { get; init; }

    /// <summary>When it happened (a stated time, or a deadline that passed).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>When the engine recorded it.</summary>
    public required DateTimeOffset RecordedAt { get; init; }

    public required string Actor { get; init; }

    public required DisputeTimelineKind Kind { get; init; }

    public required Message Text { get; init; }

    /// <summary>The obligation or window the entry is about, by id.</summary>
    public string? Ref { get; init; }
}

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
