namespace Emergency.Domain.Disputes;

/// <summary>
/// Everything the engine keeps about one deputy's suggestion or member's proposal (建议提案). Persisted as JSON:
/// property names are the stored contract.
/// </summary>
public sealed class SuggestionState : CaseState
{
    public SuggestionPhase Phase { get; set; }

    public SuggestionKind Kind { get; set; }

    /// <summary>The number the congress or conference gave it ("第1234号"), if any.</summary>
    public string? Number { get; set; }

    public string Title { get; set; } = "";

    public Deputy Deputy { get; set; } = new();

    public string Content { get; set; } = "";

    /// <summary>Every assignment, including those sent back as wrong (退回).</summary>
    public List<SuggestionAssignment> Assignments { get; set; } = [];

    /// <summary>Contacts with the deputy (沟通), counted for the "three 100 %".</summary>
    public List<Communication> Communications { get; set; } = [];

    /// <summary>The reply and, after a dissatisfied deputy, the new reply.</summary>
    public List<Answer> Answers { get; set; } = [];

    public List<SatisfactionRecord> Satisfactions { get; set; } = [];
}

public enum SuggestionKind
{
    /// <summary>人大代表建议.</summary>
    DeputySuggestion,

    /// <summary>政协委员提案.</summary>
    MemberProposal,
}

public enum SuggestionPhase
{
    /// <summary>Received; to be assigned (or assigned again after a wrong assignment was sent back).</summary>
    Registered,

    /// <summary>交办 — assigned with the four fixed points.</summary>
    Assigned,

    /// <summary>答复 — replied; the deputy's satisfaction is recorded next.</summary>
    Replied,

    /// <summary>重新办理 — the deputy was dissatisfied: a new reply is due.</summary>
    AwaitingNewReply,

    Closed,
}

/// <summary>The deputy or member who made the suggestion. The name is public; the contact is personal data.</summary>
public sealed record Deputy
{
    public string Name { get; init; } = "";

    [PersonalData]
    public string? Contact { get; init; }
}

public sealed record SuggestionAssignment
{
    public required FourFixedPoints Points { get; init; }

    public required bool Complex { get; init; }

    public string? ComplexBecause { get; init; }

    /// <summary>Set when the unit sent the item back as wrongly assigned (the assignment is replaced, never changed).</summary>
    public WrongAssignmentReturn? Returned { get; init; }
}

public sealed record Communication
{
    public required CommunicationMeans Means { get; init; }

    public string? Note { get; init; }

    public required DateTimeOffset At { get; init; }

    public required DateTimeOffset RecordedAt { get; init; }

    public required string RecordedBy { get; init; }
}

public enum CommunicationMeans
{
    Meeting,
    Visit,
    Phone,
    Letter,
    Online,
}
