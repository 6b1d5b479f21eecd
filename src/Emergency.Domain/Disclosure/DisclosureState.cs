using Emergency.Domain.Disputes;

namespace Emergency.Domain.Disclosure;

/// <summary>
/// Everything the engine keeps about one request for government information (政府信息公开申请). Persisted as JSON:
/// property names are the stored contract. The obligations, windows and timeline are those of every case with limits.
/// </summary>
public sealed class DisclosureState : CaseState
{
    public DisclosurePhase Phase { get; set; }

    public DisclosureChannel Channel { get; set; }

    /// <summary>Who asks. Personal data: only views for the roles that need it include it.</summary>
    [PersonalData]
    public Applicant Applicant { get; set; } = new();

    /// <summary>The information asked for, in the applicant's words: people write their own affairs into it.</summary>
    [PersonalData]
    public string Description { get; set; } = "";

    /// <summary>How the applicant wants it (paper, electronic, to read on site), if said.</summary>
    public string? Form { get; set; }

    /// <summary>Every correction asked for (补正), in order; the last without a receipt is the one awaited.</summary>
    public List<CorrectionRequest> Corrections { get; set; } = [];

    /// <summary>When the request in force was received: the first receipt, or the receipt of the corrected request.</summary>
    public DateTimeOffset CountedFrom { get; set; }

    public DateTimeOffset? AcceptedAt { get; set; }

    /// <summary>Extensions of the answer limit, each approved by the head of the disclosure office (延期).</summary>
    public List<DisclosureExtension> Extensions { get; set; } = [];

    /// <summary>Third parties and other bodies consulted (征求意见); their time is not counted.</summary>
    public List<Consultation> Consultations { get; set; } = [];

    public DisclosureAnswer? Answer { get; set; }
}

public enum DisclosurePhase
{
    /// <summary>收到申请 — received (or received again, corrected); the answer limit runs.</summary>
    Received,

    /// <summary>补正 — the applicant was asked to correct an unclear request; no limit of the body runs.</summary>
    CorrectionRequested,

    /// <summary>受理 — accepted for handling; the answer limit runs on.</summary>
    Accepted,

    /// <summary>答复 — answered, with the kind of answer.</summary>
    Answered,

    Closed,
}

/// <summary>How the request came (art. 31 says when each counts as received).</summary>
public enum DisclosureChannel
{
    /// <summary>当面提交.</summary>
    InPerson,

    /// <summary>邮寄.</summary>
    Post,

    /// <summary>互联网渠道或传真.</summary>
    Online,
}

/// <summary>The applicant (申请人): a citizen, or an organisation and its contact. Personal data throughout.</summary>
[PersonalData]
public sealed record Applicant
{
    [PersonalData]
    public string? Name { get; init; }

    /// <summary>The organisation that asks (法人或者其他组织), if any.</summary>
    [PersonalData]
    public string? Organisation { get; init; }

    /// <summary>Telephone, address or e-mail, where the answer goes.</summary>
    [PersonalData]
    public string? Contact { get; init; }

    /// <summary>Resident identity card number (居民身份证号码).</summary>
    [PersonalData]
    public string? IdNumber { get; init; }
}

/// <summary>A correction asked for (补正告知) and, once it came, the corrected request's receipt.</summary>
public sealed record CorrectionRequest
{
    /// <summary>What the applicant must correct, said once (一次性).</summary>
    public required string Items { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>The end of the period the applicant was given.</summary>
    public required DateTimeOffset CorrectBy { get; init; }

    public DateTimeOffset? ReceivedAt { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public required string RecordedBy { get; init; }
}

/// <summary>An extension of the answer limit: the approval as petitions record it, and when the applicant was told.</summary>
public sealed record DisclosureExtension
{
    public required ReplyExtension Approval { get; init; }

    public required DateTimeOffset ApplicantToldAt { get; init; }
}

/// <summary>One consultation (征求意见) of a third party or another body, from the letter to the opinion.</summary>
public sealed record Consultation
{
    public required ConsultedParty Kind { get; init; }

    /// <summary>The enterprise, person or body consulted; may name a third party, so it is shown only to the officers.</summary>
    [PersonalData]
    public required string Party { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset? EndedAt { get; init; }

    public ConsultationOutcome? Outcome { get; init; }

    /// <summary>Working days not counted toward the answer limit, once the consultation ended.</summary>
    public int? WorkingDaysNotCounted { get; init; }

    public bool IsOpen => EndedAt is null;
}

public enum ConsultedParty
{
    /// <summary>第三方 — whose lawful rights the disclosure may harm (art. 32).</summary>
    ThirdParty,

    /// <summary>其他机关 — another administrative body (art. 33 para. 2).</summary>
    OtherBody,
}

public enum ConsultationOutcome
{
    Agrees,
    Objects,

    /// <summary>No opinion within the time: the body decides itself (art. 32).</summary>
    NoOpinion,
}

/// <summary>The answer (答复) and its kind.</summary>
public sealed record DisclosureAnswer
{
    public required AnswerKind Kind { get; init; }

    /// <summary>The answer letter, addressed to the applicant: redacted views leave it out.</summary>
    [PersonalData]
    public required string Content { get; init; }

    /// <summary>Why not (not disclosed, partly disclosed, not this body's, other laws govern), as the answer states it.</summary>
    public string? Reason { get; init; }

    /// <summary>The body that holds the information, when it is not this body's to disclose and can be named.</summary>
    public string? OtherBody { get; init; }

    public required DateTimeOffset At { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public required string RecordedBy { get; init; }
}

/// <summary>The kinds of answer of art. 36 (and partial disclosure, art. 37).</summary>
public enum AnswerKind
{
    /// <summary>已主动公开 — already published: how to get it.</summary>
    AlreadyPublic,

    /// <summary>予以公开 — disclosed: provided, or how and when to get it.</summary>
    Disclosed,

    /// <summary>部分公开 — partly disclosed, the rest withheld with the reason (art. 37).</summary>
    PartlyDisclosed,

    /// <summary>不予公开 — not disclosed, with the reason.</summary>
    NotDisclosed,

    /// <summary>信息不存在 — none found after a search.</summary>
    DoesNotExist,

    /// <summary>非本机关负责公开 — not this body's to disclose; the body that is, where it can be determined.</summary>
    NotHeldHere,

    /// <summary>重复申请 — the same information asked again, already answered: not handled again.</summary>
    Repeated,

    /// <summary>其他法律规定 — registers that other laws govern (industrial and commercial, real estate).</summary>
    OtherLaw,
}
