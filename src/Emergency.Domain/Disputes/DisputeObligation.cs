using Emergency.Domain.Messages;

namespace Emergency.Domain.Disputes;

/// <summary>
/// One duty of a petition or suggestion with its time limit (时限): the same concept as an incident's obligation.
/// Overdue is marked at the deadline and stays; a late completion says by how much; an obligation that leaves the
/// department with its case (a wrong assignment sent back) is withdrawn, never completed.
/// </summary>
public sealed class DisputeObligation
{
    public required string Id { get; init; }

    public required DisputeObligationKind Kind { get; init; }

    /// <summary>The event the limit counts from (receipt, transfer, acceptance, request...).</summary>
    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>Done by this moment is on time; overdue only after it. For a limit in days: 24:00 of its last day.</summary>
    public required DateTimeOffset DueAt { get; set; }

    /// <summary>Why the deadline is what it is: the counting and the source.</summary>
    public required Message DeadlineBasis { get; set; }

    /// <summary>The unit answerable for the obligation (the receiving unit, or the unit it was assigned to).</summary>
    public required string Unit { get; set; }

    /// <summary>The deadline that passed while the obligation was open. Once set it stays.</summary>
    public DateTimeOffset? OverdueSince { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public DateTimeOffset? RecordedAt { get; set; }

    public string? CompletedBy { get; set; }

    public string? Note { get; set; }

    /// <summary>When the obligation stopped being the department's (the case was sent back as wrongly assigned).</summary>
    public DateTimeOffset? WithdrawnAt { get; set; }

    public Message? WithdrawnBecause { get; set; }

    public bool IsCompleted => CompletedAt is not null;

    public bool IsWithdrawn => WithdrawnAt is not null;

    public bool IsOpen => !IsCompleted && !IsWithdrawn;

    /// <summary>The deadline lateness is measured against: the first one that passed, else the current one.</summary>
    public DateTimeOffset EffectiveDeadline => OverdueSince ?? DueAt;

    public TimeSpan? LateBy => CompletedAt is { } done && done > EffectiveDeadline ? done - EffectiveDeadline : null;

    public DisputeObligationStatus StatusAt(DateTimeOffset now) => this switch
    {
        { IsCompleted: true } => LateBy is null ? DisputeObligationStatus.Completed : DisputeObligationStatus.CompletedLate,
        { IsWithdrawn: true } => DisputeObligationStatus.Withdrawn,
        _ when now > EffectiveDeadline => DisputeObligationStatus.Overdue,
        _ => DisputeObligationStatus.Pending,
    };
}

public enum DisputeObligationStatus
{
    Pending,
    Overdue,
    Completed,
    CompletedLate,

    /// <summary>Left the department with its case; counts neither as done nor as late.</summary>
    Withdrawn,
}

public enum DisputeObligationKind
{
    /// <summary>转送 — the petition office passes the case on.</summary>
    Transfer,

    /// <summary>受理告知 — decide acceptance and tell the petitioner.</summary>
    Acceptance,

    /// <summary>办理 — the assigned unit handles the case by the deadline fixed at assignment (四定: 定时限).</summary>
    Handling,

    /// <summary>办结答复 — reply, within the legal limit.</summary>
    Reply,

    /// <summary>复查意见 — answer a review request.</summary>
    ReviewAnswer,

    /// <summary>复核意见 — answer a second review request.</summary>
    SecondReviewAnswer,

    /// <summary>重新答复 — reply again to a dissatisfied deputy.</summary>
    NewReply,

    /// <summary>依申请公开答复 — answer a request for government information.</summary>
    DisclosureAnswer,
}

public static class DisputeObligationKinds
{
    /// <summary>The obligation's name in the reader's language ("办结答复", "reply (办结答复)").</summary>
    public static Message Title(this DisputeObligationKind kind) => DisputeTexts.Obligation.With(("kind", Arg.Of(kind)));

    /// <summary>The name used in the API, the board and the scenario files.</summary>
    public static string Name(this DisputeObligationKind kind) => kind switch
    {
        DisputeObligationKind.Transfer => "transfer",
        DisputeObligationKind.Acceptance => "acceptance",
        DisputeObligationKind.Handling => "handling",
        DisputeObligationKind.Reply => "reply",
        DisputeObligationKind.ReviewAnswer => "reviewAnswer",
        DisputeObligationKind.SecondReviewAnswer => "secondReviewAnswer",
        DisputeObligationKind.NewReply => "newReply",
        DisputeObligationKind.DisclosureAnswer => "disclosureAnswer",
        _ => kind.ToString(),
    };
}
