using Emergency.Domain.Disputes.EarlyWarning;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Disputes.Rules;

/// <summary>
/// One versioned set of petition rules (信访): the limits of each step, the 12369 hotline rules and the early-warning
/// rule. A petition is judged by the rule set in force, in the deployment's jurisdiction, when it was received
/// (see <see cref="PetitionRuleCatalog"/>). Every value carries its source.
/// </summary>
public sealed record PetitionRuleSet : VersionedRuleSet
{
    public required PetitionLimits Limits { get; init; }

    /// <summary>The 12369 environmental hotline rules (MEP Order 15), when they were in force.</summary>
    public Hotline12369Rules? Hotline12369 { get; init; }

    public required EarlyWarningRule EarlyWarning { get; init; }
}

/// <summary>The limits of each petition step. A step whose limit is missing does not exist under the rule set.</summary>
public sealed record PetitionLimits
{
    /// <summary>Where the steps themselves come from: an override that adds or removes a step must give its own.</summary>
    public required string Source { get; init; }

    /// <summary>转送: the petition office (信访工作机构) passes the case to the organ that handles it.</summary>
    public required Limit Transfer { get; init; }

    /// <summary>受理告知: decide whether the case is accepted, and tell the petitioner.</summary>
    public required Limit Acceptance { get; init; }

    /// <summary>异议: an organ that received a case outside its remit sends it back (2022 rules only).</summary>
    public Limit? WrongAssignment { get; init; }

    /// <summary>办结答复: handle the case and reply, counted from acceptance; may carry an extension.</summary>
    public required Limit Reply { get; init; }

    /// <summary>复查: the request window after the reply, and the answer.</summary>
    public required ReviewLimits Review { get; init; }

    /// <summary>复核: the request window after the review answer, and the answer.</summary>
    public ReviewLimits? SecondReview { get; init; }
}

public sealed record ReviewLimits
{
    /// <summary>How long the petitioner may ask, from the answer they contest.</summary>
    public required Limit Request { get; init; }

    /// <summary>How long the reviewing organ has to answer, from the request.</summary>
    public required Limit Answer { get; init; }
}

/// <summary>The rules of the 12369 environmental hotline (环保举报热线, MEP Order 15).</summary>
public sealed record Hotline12369Rules
{
    /// <summary>Reports received before this moment follow the petition rules alone.</summary>
    public required DateTimeOffset EffectiveFrom { get; init; }

    /// <summary>有报必接、违法必查，事事有结果、件件有回音.</summary>
    public required string Principle { get; init; }

    /// <summary>The only grounds on which a hotline report may be left unaccepted; anything else must be investigated.</summary>
    public required IReadOnlyList<NotAcceptedGround> NotAcceptedGrounds { get; init; }

    /// <summary>Handling a hotline report must state whether a violation was found (违法必查).</summary>
    public required bool FindingRequired { get; init; }

    public required string Source { get; init; }
}

/// <summary>N complaints about one enterprise or one place within a window raise a warning.</summary>
public sealed record EarlyWarningRule
{
    public required int Complaints { get; init; }

    public required TimeSpan Window { get; init; }

    /// <summary>How far back a complaint is linked to earlier ones of the same person (same id number or contact).</summary>
    public required TimeSpan RepeatLookback { get; init; }

    public required string Basis { get; init; }

    public required string Source { get; init; }

    /// <summary>The rule as a warning names it: "3 complaints within 7 d (source)".</summary>
    public Message Describe() => WarningTexts.Rule.With(("complaints", Complaints), ("window", Window), ("source", Source));

    /// <summary>For logs only.</summary>
    public override string ToString() => $"{Complaints} complaints within {Window} ({Source})";
}
