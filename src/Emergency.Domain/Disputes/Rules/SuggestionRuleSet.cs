namespace Emergency.Domain.Disputes.Rules;

/// <summary>
/// The limits for deputies' suggestions and members' proposals (建议提案), versioned like the petition rules and
/// chosen by the moment the item was received.
/// </summary>
public sealed record SuggestionRuleSet : VersionedRuleSet
{
    public required SuggestionLimits Limits { get; init; }
}

public sealed record SuggestionLimits
{
    /// <summary>Where the steps themselves come from.</summary>
    public required string Source { get; init; }

    /// <summary>Reply to the deputy, counted from assignment.</summary>
    public required Limit Reply { get; init; }

    /// <summary>Reply when the item is complex (涉及面广、处理难度大), counted from assignment.</summary>
    public required Limit ComplexReply { get; init; }

    /// <summary>Send back an item assigned to the wrong unit, counted from assignment.</summary>
    public required Limit WrongAssignment { get; init; }

    /// <summary>Reply again when the deputy is dissatisfied, counted from the recorded dissatisfaction.</summary>
    public required Limit NewReply { get; init; }
}
