using Emergency.Domain.Cases;

namespace Emergency.Domain.Disputes;

/// <summary>A move on a deputy's suggestion or member's proposal (建议提案): every record below is one, named by its <see cref="MoveAttribute"/>.</summary>
public abstract record SuggestionCommand : CaseCommand;

/// <summary>Register a suggestion or proposal received by the department.</summary>
[Move("register", Role.PetitionOfficer, Creates = true, Summary = "Register a deputy's suggestion or a member's proposal")]
public sealed record RegisterSuggestion : SuggestionCommand
{
    public required SuggestionKind Kind { get; init; }

    public string? Number { get; init; }

    public required string Title { get; init; }

    public required Deputy Deputy { get; init; }

    public required string Content { get; init; }

    /// <summary>When the department received it; chooses the rule set.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }

    /// <summary>The office that assigns it ("EPB general office").</summary>
    public required string Unit { get; init; }
}

/// <summary>Assign a suggestion with the four fixed points (四定).</summary>
[Move("assign", Role.PetitionOfficer, Summary = "Assign with the four fixed points (四定); complex items (with the reason) get the longer limit")]
public sealed record AssignSuggestion : SuggestionCommand, IFourFixedPoints
{
    public required string Leader { get; init; }

    public required string Unit { get; init; }

    public required string Requirement { get; init; }

    /// <summary>The unit's deadline; never beyond the legal limit of the reply.</summary>
    public required DateTimeOffset Deadline { get; init; }

    /// <summary>Complex items (涉及面广、处理难度大) get the longer limit.</summary>
    public bool Complex { get; init; }

    /// <summary>Why the item is complex; required when it is.</summary>
    public string? ComplexBecause { get; init; }

    public DateTimeOffset? At { get; init; }
}

/// <summary>The unit sends a wrongly assigned item back (退回).</summary>
[Move("return", Role.PetitionOfficer, Summary = "Return a wrongly assigned item (退回) within its window")]
public sealed record ReturnSuggestion : SuggestionCommand
{
    public required string Reason { get; init; }

    public DateTimeOffset? At { get; init; }
}

/// <summary>Record a contact with the deputy before or after the reply (沟通).</summary>
[Move("communication", Role.PetitionOfficer, Summary = "A contact with the deputy (沟通)")]
public sealed record RecordCommunication : SuggestionCommand
{
    public required CommunicationMeans Means { get; init; }

    public string? Note { get; init; }

    public DateTimeOffset? At { get; init; }
}

/// <summary>The written reply to the deputy: the first, or the new one after a dissatisfied deputy.</summary>
[Move("reply", Role.PetitionOfficer, Summary = "The reply, or the new reply to a dissatisfied deputy")]
public sealed record ReplyToDeputy : SuggestionCommand, IAnswer
{
    public required string Content { get; init; }

    public DateTimeOffset? At { get; init; }
}

/// <summary>Whether the deputy is satisfied with the latest reply.</summary>
[Move("satisfaction", Role.PetitionOfficer, Summary = "The deputy's satisfaction; dissatisfied asks for a new reply")]
public sealed record RecordDeputySatisfaction : SuggestionCommand
{
    public required Satisfaction Satisfaction { get; init; }

    public string? Note { get; init; }

    public DateTimeOffset? At { get; init; }
}

/// <summary>Close a suggestion or proposal.</summary>
[Move("close", Role.PetitionOfficer, BodyOptional = true, Summary = "Close the item")]
public sealed record CloseSuggestion : SuggestionCommand
{
    public string? Note { get; init; }
}
