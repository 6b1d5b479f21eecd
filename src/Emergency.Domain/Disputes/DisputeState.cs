using Emergency.Domain.Calendar;

namespace Emergency.Domain.Disputes;

/// <summary>
/// Everything the engine keeps about one petition or complaint (信访事项, 举报件). Persisted as JSON: property names
/// are the stored contract, so rename with care.
/// </summary>
public sealed class DisputeState : CaseState
{
    public DisputePhase Phase { get; set; }

    public PetitionChannel Channel { get; set; }

    public ReceivedBy ReceivedBy { get; set; }

    /// <summary>The petition office that received the case first, if it came that way.</summary>
    public string? PetitionOffice { get; set; }

    /// <summary>Who complains. Personal data: only views for the roles that need it include it.</summary>
    [PersonalData]
    public Complainant Complainant { get; set; } = new();

    public DisputeSubject Subject { get; set; } = new();

    /// <summary>What the complainant says. People write their names and addresses into it, so no summary carries it.</summary>
    [PersonalData]
    public string Content { get; set; } = "";

    /// <summary>Earlier cases of the same person, by id.</summary>
    public List<string> EarlierCases { get; set; } = [];

    /// <summary>When the petition office passed the case to the department (转送), if it came that way.</summary>
    public DateTimeOffset? TransferredAt { get; set; }

    public AcceptanceDecision? Acceptance { get; set; }

    public WrongAssignmentReturn? Returned { get; set; }

    /// <summary>The four fixed points (四定) of the assignment.</summary>
    public FourFixedPoints? Assignment { get; set; }

    public HandlingRecord? Handling { get; set; }

    public List<ReplyExtension> Extensions { get; set; } = [];

    /// <summary>The reply (答复意见), the review opinion (复查意见) and the second review opinion (复核意见), in order.</summary>
    public List<Answer> Answers { get; set; } = [];

    public List<ReviewRequest> ReviewRequests { get; set; } = [];

    public List<SatisfactionRecord> Satisfactions { get; set; } = [];

    /// <summary>When the department received the case itself: at receipt, or when the petition office passed it on.</summary>
    public DateTimeOffset ReceivedByDepartmentAt => TransferredAt ?? ReceivedAt;
}

/// <summary>Where a petition stands in its procedure.</summary>
public enum DisputePhase
{
    /// <summary>登记 — recorded; waiting for the petition office's transfer (if it came that way) and the acceptance decision.</summary>
    Registered,

    /// <summary>受理 — accepted; to be assigned with the four fixed points.</summary>
    Accepted,

    /// <summary>不予受理 — not accepted, with the ground and reason told to the petitioner in writing.</summary>
    NotAccepted,

    /// <summary>转送 — passed to the organ that has the power to handle it; the petitioner was told.</summary>
    TransferredOut,

    /// <summary>异议退回 — sent back to the petition office as wrongly assigned.</summary>
    Returned,

    /// <summary>交办 — assigned (四定: leader, unit, requirement, deadline).</summary>
    Assigned,

    /// <summary>办理 — handled by the assigned unit; the reply is next.</summary>
    Handled,

    /// <summary>答复 — replied (办结); the petitioner may ask for a review.</summary>
    Replied,

    /// <summary>复查 — the next higher organ reviews the reply.</summary>
    UnderReview,

    /// <summary>The review opinion was given; a second review may be asked for where the rules have one.</summary>
    Reviewed,

    /// <summary>复核 — second review.</summary>
    UnderSecondReview,

    /// <summary>The second review opinion was given: the procedure ends.</summary>
    SecondReviewed,

    Closed,
}

/// <summary>The person who complains. Personal data throughout.</summary>
[PersonalData]
public sealed record Complainant
{
    [PersonalData]
    public string? Name { get; init; }

    /// <summary>Telephone, address or e-mail.</summary>
    [PersonalData]
    public string? Contact { get; init; }

    /// <summary>Resident identity card number (居民身份证号码).</summary>
    [PersonalData]
    public string? IdNumber { get; init; }
}

/// <summary>What the complaint is about.</summary>
public sealed record DisputeSubject
{
    /// <summary>The enterprise complained about (被举报单位), if any.</summary>
    public string? Enterprise { get; init; }

    /// <summary>The place (a street, a river section, an industrial park), if any.</summary>
    public string? Place { get; init; }

    public string Region { get; init; } = "";
}

public sealed record AcceptanceDecision
{
    public required AcceptanceOutcome Outcome { get; init; }

    public NotAcceptedGround? Ground { get; init; }

    public string? Reason { get; init; }

    /// <summary>The organ the case was transferred to, when it is not the department's to handle.</summary>
    public string? TransferredTo { get; init; }

    /// <summary>When the petitioner was told.</summary>
    public required DateTimeOffset At { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public required string RecordedBy { get; init; }
}

public sealed record WrongAssignmentReturn
{
    public required string Reason { get; init; }

    public required DateTimeOffset At { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public required string RecordedBy { get; init; }
}

public sealed record HandlingRecord
{
    public required string Result { get; init; }

    /// <summary>For a 12369 report: whether the investigation found a violation (违法必查).</summary>
    public ViolationFinding? Finding { get; init; }

    public required DateTimeOffset At { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public required string RecordedBy { get; init; }
}

/// <summary>An approved extension of the reply limit (延期): who approved it, when and why.</summary>
public sealed record ReplyExtension
{
    public required int Length { get; init; }

    public required LimitUnit Unit { get; init; }

    public required string ApprovedBy { get; init; }

    public required DateTimeOffset ApprovedAt { get; init; }

    public required string Reason { get; init; }

    public required DateTimeOffset DueBefore { get; init; }

    public required DateTimeOffset DueAfter { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public required string RecordedBy { get; init; }

    /// <summary>The approval as recorded at <paramref name="now"/>: <paramref name="length"/> more, moving the deadline from <paramref name="dueBefore"/> to <paramref name="dueAfter"/>.</summary>
    internal static ReplyExtension Approved(IExtensionApproval command, int length, LimitUnit unit, DateTimeOffset dueBefore, DateTimeOffset dueAfter, Actor actor, DateTimeOffset now) => new()
    {
        Length = length,
        Unit = unit,
        ApprovedBy = command.ApprovedBy.Trim(),
        ApprovedAt = command.ApprovedAt,
        Reason = command.Reason.Trim(),
        DueBefore = dueBefore,
        DueAfter = dueAfter,
        RecordedAt = now,
        RecordedBy = actor.ToString(),
    };
}

/// <summary>A written answer to the complainant or the deputy: a reply, a review opinion, a new reply.</summary>
public sealed record Answer
{
    public required AnswerStage Stage { get; init; }

    /// <summary>The letter itself, addressed to the person: redacted views leave it out.</summary>
    [PersonalData]
    public required string Content { get; init; }

    public required DateTimeOffset At { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public required string RecordedBy { get; init; }
}

public sealed record ReviewRequest
{
    public required AnswerStage Stage { get; init; }

    /// <summary>The organ asked to review.</summary>
    public required string Organ { get; init; }

    public string? Note { get; init; }

    public required DateTimeOffset At { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public required string RecordedBy { get; init; }
}

public sealed record SatisfactionRecord
{
    /// <summary>The answer the satisfaction is about.</summary>
    public required AnswerStage Stage { get; init; }

    public required Satisfaction Satisfaction { get; init; }

    public string? Note { get; init; }

    public required DateTimeOffset At { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public required string RecordedBy { get; init; }
}

/// <summary>Which answer of the procedure.</summary>
public enum AnswerStage
{
    /// <summary>答复意见 — the reply.</summary>
    Reply,

    /// <summary>复查意见 — the review opinion.</summary>
    Review,

    /// <summary>复核意见 — the second review opinion.</summary>
    SecondReview,

    /// <summary>重新答复 — the new reply to a dissatisfied deputy.</summary>
    NewReply,
}

public enum Satisfaction
{
    /// <summary>满意.</summary>
    Satisfied,

    /// <summary>基本满意 — counts as satisfied in the "three 100 %".</summary>
    BasicallySatisfied,

    /// <summary>不满意.</summary>
    Dissatisfied,
}
