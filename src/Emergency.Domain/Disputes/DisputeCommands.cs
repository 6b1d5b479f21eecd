namespace Emergency.Domain.Disputes;

/// <summary>Register a petition or complaint (登记) as it was received.</summary>
public sealed record RegisterDispute
{
    public required PetitionChannel Channel { get; init; }

    /// <summary>Who received it first: the department itself, or the petition office that passes it on (转送).</summary>
    public required ReceivedBy ReceivedBy { get; init; }

    /// <summary>When it was received; chooses the rule set. Never in the future.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The department's unit that receives it and decides acceptance ("Changzhi EPB petition office").</summary>
    public required string Unit { get; init; }

    /// <summary>The petition office that received it first and answers for the transfer; only when it came that way.</summary>
    public string? PetitionOffice { get; init; }

    /// <summary>Who complains; everything in it is optional (a 12369 report may be anonymous).</summary>
    [PersonalData]
    public Complainant? Complainant { get; init; }

    public required DisputeSubject Subject { get; init; }

    [PersonalData]
    public required string Content { get; init; }

    /// <summary>Ids of earlier cases of the same person.</summary>
    public IReadOnlyList<string> EarlierCases { get; init; } = [];
}

/// <summary>How a petition or complaint came in.</summary>
public enum PetitionChannel
{
    /// <summary>走访.</summary>
    Visit,

    /// <summary>来信.</summary>
    Letter,

    /// <summary>网上信访.</summary>
    Online,

    /// <summary>12369 环保举报热线 (MEP Order 15).</summary>
    Hotline12369,
}

public enum ReceivedBy
{
    /// <summary>The department received the case itself and decides acceptance.</summary>
    Department,

    /// <summary>A petition office (信访工作机构) received it and must pass it to the department (转送).</summary>
    PetitionOffice,
}

/// <summary>The petition office passed the case to the department (转送).</summary>
public sealed record RecordTransfer
{
    /// <summary>When the department received it; defaults to now.</summary>
    public DateTimeOffset? At { get; init; }

    public string? Note { get; init; }
}

/// <summary>Decide acceptance and tell the petitioner (受理告知).</summary>
public sealed record DecideAcceptance
{
    public required AcceptanceOutcome Outcome { get; init; }

    /// <summary>Required when not accepted.</summary>
    public NotAcceptedGround? Ground { get; init; }

    /// <summary>Required when not accepted or transferred: what the petitioner is told.</summary>
    public string? Reason { get; init; }

    /// <summary>Required when transferred: the organ with the power to handle it.</summary>
    public string? TransferredTo { get; init; }

    /// <summary>When the petitioner was told; defaults to now.</summary>
    public DateTimeOffset? At { get; init; }
}

public enum AcceptanceOutcome
{
    /// <summary>受理.</summary>
    Accepted,

    /// <summary>不予受理.</summary>
    NotAccepted,

    /// <summary>转送有权处理的机关.</summary>
    TransferredOut,
}

/// <summary>Send a case or item back as wrongly assigned (异议 for a petition, 退回 for a suggestion).</summary>
public sealed record ReturnWrongAssignment
{
    public required string Reason { get; init; }

    public DateTimeOffset? At { get; init; }
}

/// <summary>Assign with the four fixed points (四定).</summary>
public sealed record Assign
{
    public required string Leader { get; init; }

    public required string Unit { get; init; }

    public required string Requirement { get; init; }

    /// <summary>The unit's deadline; never beyond the legal limit of the reply.</summary>
    public required DateTimeOffset Deadline { get; init; }

    /// <summary>Suggestions only: complex items (涉及面广、处理难度大) get the longer limit.</summary>
    public bool Complex { get; init; }

    /// <summary>Why the item is complex; required when it is.</summary>
    public string? ComplexBecause { get; init; }

    public DateTimeOffset? At { get; init; }
}

/// <summary>Extend the reply limit with a recorded approval (延期).</summary>
public sealed record ExtendReply
{
    /// <summary>How much longer, in the unit of the reply limit; defaults to the most the rule set allows.</summary>
    public int? Length { get; init; }

    /// <summary>The head of the organ who approved it.</summary>
    public required string ApprovedBy { get; init; }

    public required DateTimeOffset ApprovedAt { get; init; }

    /// <summary>Why: the petitioner is told this reason.</summary>
    public required string Reason { get; init; }
}

/// <summary>The assigned unit reports the result of handling.</summary>
public sealed record Handle
{
    public required string Result { get; init; }

    /// <summary>Required for a 12369 report: whether a violation was found.</summary>
    public ViolationFinding? Finding { get; init; }

    public DateTimeOffset? At { get; init; }
}

public enum ViolationFinding
{
    ViolationFound,
    NoViolationFound,
}

/// <summary>Give the written reply, review opinion or second review opinion.</summary>
public sealed record GiveAnswer
{
    public required string Content { get; init; }

    public DateTimeOffset? At { get; init; }
}

public sealed record RecordSatisfaction
{
    public required Satisfaction Satisfaction { get; init; }

    public string? Note { get; init; }

    public DateTimeOffset? At { get; init; }
}

/// <summary>The petitioner asks for a review (复查) or a second review (复核).</summary>
public sealed record RequestReview
{
    /// <summary>When the request was received; defaults to now.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>The organ asked to review, which answers for the review opinion; defaults to "the next higher organ".</summary>
    public string? Organ { get; init; }

    public string? Note { get; init; }
}

public sealed record LinkEarlierCases
{
    public required IReadOnlyList<string> CaseIds { get; init; }
}

public sealed record CloseCase
{
    public string? Note { get; init; }
}

/// <summary>An early warning the complaint belongs to was escalated into an incident.</summary>
public sealed record NoteEscalation
{
    public required string WarningId { get; init; }

    public required string IncidentId { get; init; }
}
