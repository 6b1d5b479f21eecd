namespace Emergency.Domain.Decisions;

/// <summary>Draft a major decision: what is proposed, where it takes effect, and what kind of matter it is.</summary>
public sealed record DraftMajorDecision
{
    public required string Title { get; init; }

    public required string Region { get; init; }

    public required MajorDecisionKind Kind { get; init; }

    /// <summary>决策草案 — the proposal the public comments on and the assessment judges.</summary>
    public required string Proposal { get; init; }

    public string? Description { get; init; }
}

/// <summary>Submit the draft for decision; the rule set in force now will judge it.</summary>
public sealed record SubmitMajorDecision
{
    public string? Note { get; init; }
}

/// <summary>Plan the social stability risk assessment (评估方案), or revise the plan before any view is heard.</summary>
public sealed record PlanAssessment
{
    /// <summary>评估主体 — the unit that carries out the assessment.</summary>
    public required string AssessedBy { get; init; }

    public required string Plan { get; init; }

    /// <summary>How views will be heard; must include every method the rule set requires.</summary>
    public required IReadOnlyList<ViewMethod> Methods { get; init; }
}

/// <summary>Publish the proposal for public comment.</summary>
public sealed record OpenPublicComment
{
    /// <summary>Where it was published (the department's website, a newspaper, a notice board).</summary>
    public required string Channel { get; init; }

    /// <summary>When it was published; defaults to now. Never in the future, never before the assessment was planned.</summary>
    public DateTimeOffset? At { get; init; }
}

/// <summary>Close the public comment period: only once the minimum period has run.</summary>
public sealed record ClosePublicComment
{
    public required int CommentsReceived { get; init; }

    public required string Summary { get; init; }

    /// <summary>When it closed; defaults to now.</summary>
    public DateTimeOffset? At { get; init; }
}

/// <summary>Record views heard by questionnaire, visits or a hearing, with their dates and counts.</summary>
public sealed record RecordViews
{
    public required ViewMethod Method { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    /// <summary>Questionnaires returned, people visited, or hearing participants.</summary>
    public required int People { get; init; }

    public int? Opposed { get; init; }

    public required string Summary { get; init; }
}

/// <summary>Attach complaints or an early warning about the matter: they count as views heard.</summary>
public sealed record AttachPublicOpinion
{
    public required PublicOpinionKind Kind { get; init; }

    public required IReadOnlyList<string> Ids { get; init; }

    public required string Summary { get; init; }

    public required int Count { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }
}

/// <summary>End the hearing of views: the comment period has closed and every required method was used.</summary>
public sealed record FinishHearingViews
{
    public string? Note { get; init; }
}

/// <summary>Record the findings on one dimension of the analysis.</summary>
public sealed record RecordFinding
{
    public required AnalysisDimension Dimension { get; init; }

    public required string Findings { get; init; }
}

/// <summary>Rate the risk, or rate it again (a medium rating only after mitigation measures are recorded).</summary>
public sealed record RateRisk
{
    public required RiskLevel Level { get; init; }

    public required IReadOnlyList<string> Reasons { get; init; }
}

/// <summary>Record one measure to prevent or defuse the risk, and who carries it out.</summary>
public sealed record RecordMitigation
{
    public required string Measure { get; init; }

    public required string ResponsibleUnit { get; init; }
}

/// <summary>Write the assessment report: it concludes at the current level with the measures on record and an emergency plan.</summary>
public sealed record WriteReport
{
    public required string Summary { get; init; }

    public required string EmergencyPlan { get; init; }
}

/// <summary>Record the preliminary review (初审) of the current report by the stability office or the legal office.</summary>
public sealed record RecordReview
{
    public required ReviewOffice Office { get; init; }

    public required ReviewVerdict Verdict { get; init; }

    public required string Comments { get; init; }
}

/// <summary>Record the collective decision (集体讨论决定).</summary>
public sealed record TakeCollectiveDecision
{
    public required CollectiveDecisionOutcome Outcome { get; init; }

    public required string Meeting { get; init; }

    public required string Reasons { get; init; }

    /// <summary>How the remaining objections are answered; required when approving at a level that asks for it (low).</summary>
    public string? Explanation { get; init; }
}

/// <summary>
/// Change the proposal. Once views have been heard on it, the change is material to the assessment: the round is
/// closed and the assessment reopened on the new proposal (redesign after a high risk is such a change).
/// </summary>
public sealed record ChangeProposal
{
    public required string Proposal { get; init; }

    public required string WhatChanged { get; init; }
}
