using Emergency.Domain.Cases;

namespace Emergency.Domain.Disputes;

/// <summary>A move on a petition or complaint (信访事项, 12369 举报件): every record below is one, named by its <see cref="MoveAttribute"/>.</summary>
public abstract record DisputeCommand : CaseCommand;

/// <summary>Register a petition or complaint (登记) as it was received.</summary>
[Move("register", Role.PetitionOfficer, Creates = true, Summary = "Register a petition or complaint (登记) from a visit, a letter, online or the 12369 hotline; its first limit starts and the early warning counts it")]
public sealed record RegisterDispute : DisputeCommand
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
[Move("transfer", Role.PetitionOfficer, BodyOptional = true, Summary = "The petition office passed the case on (转送): the acceptance limit starts")]
public sealed record RecordTransfer : DisputeCommand
{
    /// <summary>When the department received it; defaults to now.</summary>
    public DateTimeOffset? At { get; init; }

    public string? Note { get; init; }
}

/// <summary>Decide acceptance and tell the petitioner (受理告知).</summary>
[Move("acceptance", Role.PetitionOfficer, Summary = "Decide acceptance and tell the petitioner (受理告知): accepted, notAccepted with a ground, or transferredOut")]
public sealed record DecideAcceptance : DisputeCommand
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

/// <summary>Send a transferred case back to the petition office as outside the department's remit (异议).</summary>
[Move("return", Role.PetitionOfficer, Summary = "Send a wrongly assigned case back to the petition office (异议, 2022 rules)")]
public sealed record ReturnPetition : DisputeCommand
{
    public required string Reason { get; init; }

    public DateTimeOffset? At { get; init; }
}

/// <summary>Assign a petition with the four fixed points (四定).</summary>
[Move("assign", Role.PetitionOfficer, Summary = "Assign with the four fixed points (四定): leader, unit, requirement, deadline within the reply limit")]
public sealed record AssignPetition : DisputeCommand, IFourFixedPoints
{
    public required string Leader { get; init; }

    public required string Unit { get; init; }

    public required string Requirement { get; init; }

    /// <summary>The unit's deadline; never beyond the legal limit of the reply.</summary>
    public required DateTimeOffset Deadline { get; init; }

    public DateTimeOffset? At { get; init; }
}

/// <summary>Extend the reply limit with a recorded approval (延期).</summary>
[Move("extension", Role.PetitionOfficer, Summary = "Extend the reply limit with a recorded approval (延期), before it passes")]
public sealed record ExtendReply : DisputeCommand, IExtensionApproval
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
[Move("handling", Role.PetitionOfficer, Summary = "The assigned unit's result; a 12369 report says whether a violation was found")]
public sealed record RecordHandling : DisputeCommand
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

/// <summary>A written answer to the petitioner: the reply, the review opinion or the second review opinion.</summary>
public abstract record PetitionAnswer : DisputeCommand, IAnswer
{
    public required string Content { get; init; }

    public DateTimeOffset? At { get; init; }
}

/// <summary>The written reply (答复, 办结).</summary>
[Move("reply", Role.PetitionOfficer, Summary = "The written reply (答复): the review window opens")]
public sealed record ReplyToPetition : PetitionAnswer;

/// <summary>Whether the petitioner is satisfied with the latest answer.</summary>
[Move("satisfaction", Role.PetitionOfficer, Summary = "The petitioner's satisfaction with the latest answer")]
public sealed record RecordPetitionSatisfaction : DisputeCommand
{
    public required Satisfaction Satisfaction { get; init; }

    public string? Note { get; init; }

    public DateTimeOffset? At { get; init; }
}

/// <summary>The petitioner asks for a review (复查) or a second review (复核).</summary>
public abstract record AskForReview : DisputeCommand
{
    /// <summary>When the request was received; defaults to now.</summary>
    public DateTimeOffset? At { get; init; }

    /// <summary>The organ asked to review, which answers for the review opinion; defaults to "the next higher organ".</summary>
    public string? Organ { get; init; }

    public string? Note { get; init; }
}

/// <summary>The petitioner asks the next higher organ to review the reply (复查).</summary>
[Move("review", Role.PetitionOfficer, BodyOptional = true, Summary = "The petitioner asks for a review (复查) within the window")]
public sealed record RequestReview : AskForReview;

/// <summary>The review opinion (复查意见).</summary>
[Move("review/answer", Role.PetitionOfficer, Summary = "The review opinion (复查意见)")]
public sealed record AnswerReview : PetitionAnswer;

/// <summary>The petitioner asks for a second review (复核), where the rule set has one.</summary>
[Move("second-review", Role.PetitionOfficer, BodyOptional = true, Summary = "The petitioner asks for a second review (复核) within the window")]
public sealed record RequestSecondReview : AskForReview;

/// <summary>The second review opinion (复核意见): the procedure ends with it.</summary>
[Move("second-review/answer", Role.PetitionOfficer, Summary = "The second review opinion (复核意见)")]
public sealed record AnswerSecondReview : PetitionAnswer;

/// <summary>Links earlier cases of the same person (found by the early warning or by hand).</summary>
[Move("earlier-cases", Role.PetitionOfficer, Summary = "Link earlier cases of the same person")]
public sealed record LinkEarlierCases : DisputeCommand
{
    public required IReadOnlyList<string> CaseIds { get; init; }
}

/// <summary>Close a petition.</summary>
[Move("close", Role.PetitionOfficer, BodyOptional = true, Summary = "Close: every limit met or marked, the petitioner's time to ask for more over")]
public sealed record ClosePetition : DisputeCommand
{
    public string? Note { get; init; }
}

/// <summary>
/// An early warning the complaint belongs to was escalated into an incident: the engine's own move (预警升级), noted in
/// any phase, closed included, once per incident.
/// </summary>
[Move("noteEscalation", Role.System, Summary = "The engine notes that an early warning the complaint belongs to became an incident")]
public sealed record NoteEscalation : DisputeCommand
{
    public required string WarningId { get; init; }

    public required string IncidentId { get; init; }
}

/// <summary>The four fixed points (四定) an assignment names, checked alike for petitions and suggestions.</summary>
internal interface IFourFixedPoints
{
    string Leader { get; }

    string Unit { get; }

    string Requirement { get; }

    DateTimeOffset Deadline { get; }

    DateTimeOffset? At { get; }
}

/// <summary>The approval of an extension of a limit (延期), checked and recorded alike for petitions and disclosure requests.</summary>
internal interface IExtensionApproval
{
    /// <summary>How much longer, in the unit of the limit; the rest of what the rule set allows when left out.</summary>
    int? Length { get; }

    string ApprovedBy { get; }

    DateTimeOffset ApprovedAt { get; }

    string Reason { get; }
}

/// <summary>A written answer, checked alike for petitions and suggestions.</summary>
internal interface IAnswer
{
    string Content { get; }

    DateTimeOffset? At { get; }
}
