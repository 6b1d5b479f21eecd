using Emergency.Domain.Cases;
using Emergency.Domain.Disputes;

namespace Emergency.Domain.Disclosure;

/// <summary>
/// A move on a request for government information (依申请公开): every record below is one, named by its
/// <see cref="MoveAttribute"/>. Petition officers handle them: they already hold the applicants' personal data rights.
/// </summary>
public abstract record DisclosureCommand : CaseCommand;

/// <summary>Register a request as received (收到申请).</summary>
[Move("register", Role.PetitionOfficer, Creates = true, Summary = "Register a request for government information (依申请公开) with its receipt as art. 31 sets it")]
public sealed record RegisterDisclosure : DisclosureCommand
{
    public required DisclosureChannel Channel { get; init; }

    /// <summary>When the request counts as received (art. 31): handed in, signed for, or confirmed with the applicant.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    public required Applicant Applicant { get; init; }

    public required string Description { get; init; }

    public string? Form { get; init; }

    /// <summary>The disclosure office that answers for the request.</summary>
    public required string Unit { get; init; }
}

/// <summary>Ask the applicant, once, to correct an unclear request (补正), within 7 working days of receipt.</summary>
[Move("requestCorrection", Role.PetitionOfficer, Summary = "Ask the applicant to correct an unclear request (补正, art. 30): the answer limit starts again from the corrected request")]
public sealed record RequestCorrection : DisclosureCommand
{
    public required string Items { get; init; }

    /// <summary>The applicant's period in working days; the rule set's default when left out.</summary>
    public int? WorkingDays { get; init; }

    public DateTimeOffset? At { get; init; }
}

/// <summary>The corrected request came (收到补正): received again, the answer limit counted from now.</summary>
[Move("receiveCorrection", Role.PetitionOfficer, Summary = "The corrected request was received: the answer limit is counted from this receipt")]
public sealed record ReceiveCorrection : DisclosureCommand
{
    public required DateTimeOffset ReceivedAt { get; init; }
}

/// <summary>The applicant did not correct in time without good reason: the request is deemed abandoned (视为放弃申请).</summary>
[Move("deemAbandoned", Role.PetitionOfficer, BodyOptional = true, Summary = "The correction period passed without a correction: the request is deemed abandoned (art. 30) and closed")]
public sealed record DeemAbandoned : DisclosureCommand
{
    public string? Note { get; init; }
}

/// <summary>Accept the request for handling (受理).</summary>
[Move("accept", Role.PetitionOfficer, BodyOptional = true, Summary = "Accept the request for handling (受理)")]
public sealed record AcceptDisclosure : DisclosureCommand
{
    public DateTimeOffset? At { get; init; }
}

/// <summary>Extend the answer limit with the consent of the head of the disclosure office, the applicant told (延期).</summary>
[Move("extend", Role.PetitionOfficer, Summary = "Extend the answer limit (at most 20 working days) with the named head of the disclosure office's consent; the applicant is told")]
public sealed record ExtendDisclosure : DisclosureCommand, IExtensionApproval
{
    /// <summary>The head of the disclosure office (政府信息公开工作机构负责人) who consented.</summary>
    public required string ApprovedBy { get; init; }

    public required DateTimeOffset ApprovedAt { get; init; }

    public required string Reason { get; init; }

    /// <summary>When the applicant was told of the extension.</summary>
    public required DateTimeOffset ApplicantToldAt { get; init; }

    /// <summary>Working days; the rest of the longest extension when left out.</summary>
    public int? Length { get; init; }
}

/// <summary>Consult a third party or another body (征求意见): the time until its opinion is not counted.</summary>
[Move("consult", Role.PetitionOfficer, Summary = "Consult a third party (art. 32) or another body: the answer limit stops until the opinion comes")]
public sealed record StartConsultation : DisclosureCommand
{
    public required ConsultedParty Kind { get; init; }

    public required string Party { get; init; }

    public DateTimeOffset? At { get; init; }
}

/// <summary>The opinion came, or the third party's time ran out without one.</summary>
[Move("endConsultation", Role.PetitionOfficer, Summary = "The consulted party's opinion (or none in time): the answer limit runs again")]
public sealed record EndConsultation : DisclosureCommand
{
    public required ConsultationOutcome Outcome { get; init; }

    public DateTimeOffset? At { get; init; }
}

/// <summary>The answer to the applicant, of one of the kinds of art. 36.</summary>
[Move("answer", Role.PetitionOfficer, Summary = "Answer the request with the kind of answer (art. 36): disclosed, not disclosed with the reason, does not exist, not held here...")]
public sealed record AnswerDisclosure : DisclosureCommand
{
    public required AnswerKind Kind { get; init; }

    public required string Content { get; init; }

    public string? Reason { get; init; }

    public string? OtherBody { get; init; }

    public DateTimeOffset? At { get; init; }
}

/// <summary>Close an answered request.</summary>
[Move("close", Role.PetitionOfficer, BodyOptional = true, Summary = "Close the answered request")]
public sealed record CloseDisclosure : DisclosureCommand
{
    public string? Note { get; init; }
}
