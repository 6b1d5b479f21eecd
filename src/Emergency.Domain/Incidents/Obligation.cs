using Emergency.Domain.Messages;

namespace Emergency.Domain.Incidents;

/// <summary>One obligation of an incident, with its deadline and, once done, who did it when.</summary>
public sealed class Obligation
{
    public required string Id { get; init; }

    public required ObligationKind Kind { get; init; }

    /// <summary>Done by this moment is on time; overdue only after it.</summary>
    public required DateTimeOffset DueAt { get; set; }

    /// <summary>Why the deadline is what it is ("level II: 2 h from discovery; MEP Order 17 art. 5").</summary>
    public required Message DeadlineBasis { get; set; }

    /// <summary>When the obligation arose, for those that arise during the response (a report at a new level).</summary>
    public DateTimeOffset? OpenedAt { get; init; }

    /// <summary>
    /// The first deadline that passed while the obligation was open. Once set it stays, so a later
    /// regrade to a longer window cannot absorb a late report (迟报).
    /// </summary>
    public DateTimeOffset? OverdueSince { get; set; }

    /// <summary>When the obligation was done, as stated by the person who recorded it.</summary>
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>When the engine recorded the completion.</summary>
    public DateTimeOffset? RecordedAt { get; set; }

    public string? CompletedBy { get; set; }

    /// <summary>The recorder's words, or the report that completed the obligation.</summary>
    public Message? Note { get; set; }

    /// <summary>Who was told, for the notice to neighbouring areas.</summary>
    public string? Notified { get; set; }

    /// <summary>Earlier completions a correction showed untrue; each reopened the obligation.</summary>
    public List<FalseCompletion> ShownFalse { get; set; } = [];

    /// <summary>The alert on this step taken on (警报确认), the latest; none while nobody acknowledged it.</summary>
    public AlertAcknowledgement? Acknowledged { get; set; }

    public bool IsCompleted => CompletedAt is not null;

    /// <summary>The deadline lateness is measured against: the first one that passed, else the current one.</summary>
    public DateTimeOffset EffectiveDeadline => OverdueSince ?? DueAt;

    public TimeSpan? LateBy => CompletedAt is { } done && done > EffectiveDeadline ? done - EffectiveDeadline : null;

    public ObligationStatus StatusAt(DateTimeOffset now) => this switch
    {
        { IsCompleted: true } => LateBy is null ? ObligationStatus.Completed : ObligationStatus.CompletedLate,
        _ when now > EffectiveDeadline => ObligationStatus.Overdue,
        _ => ObligationStatus.Pending,
    };
}

public enum ObligationStatus
{
    Pending,
    Overdue,
    Completed,
    CompletedLate,
}
