using System.Text.Json.Serialization;
using Emergency.Domain.Cases;

namespace Emergency.Domain.Decisions;

/// <summary>
/// Everything the engine keeps about one major decision (重大决策事项) and its social stability risk assessment.
/// Persisted as JSON: property names are the stored contract, so rename with care.
/// </summary>
public sealed class MajorDecisionState
{
    public string Id { get; set; } = "";

    /// <summary>"live", or the drill run the matter belongs to.</summary>
    public string Scope { get; set; } = "live";

    public MajorDecisionStage Stage { get; set; }

    public string Title { get; set; } = "";

    /// <summary>Where the matter takes effect: a regional approval restriction (区域限批) on it blocks the approval.</summary>
    public string Region { get; set; } = "";

    public MajorDecisionKind Kind { get; set; }

    /// <summary>The proposal (决策草案) as it stands; <see cref="ProposalChanges"/> keeps what it was.</summary>
    public string Proposal { get; set; } = "";

    public string? Description { get; set; }

    public DateTimeOffset DraftedAt { get; set; }

    public string DraftedBy { get; set; } = "";

    public DateTimeOffset? SubmittedAt { get; set; }

    public string? SubmittedBy { get; set; }

    /// <summary>The rule set in force at submission; empty while the matter is a draft.</summary>
    public string RuleSetId { get; set; } = "";

    public List<ProposalChange> ProposalChanges { get; set; } = [];

    /// <summary>Every assessment of the proposal, oldest first; the last one is the current one.</summary>
    public List<AssessmentRound> Rounds { get; set; } = [];

    /// <summary>Complaints and early warnings attached to the matter: views heard, whatever the round.</summary>
    public List<PublicOpinionLink> PublicOpinion { get; set; } = [];

    public List<CollectiveDecision> CollectiveDecisions { get; set; } = [];

    public List<TimelineEntry<MajorDecisionTimelineKind>> Timeline { get; set; } = [];

    /// <summary>The regional approval restrictions in force on the region that the timeline has noted, by id.</summary>
    public List<string> RestrictionsNoted { get; set; } = [];

    /// <summary>Goes up by one with every accepted change.</summary>
    public long Version { get; set; }

    public bool Exists => Id.Length > 0;

    /// <summary>The current assessment (derived, not stored).</summary>
    [JsonIgnore]
    public AssessmentRound? Round => Rounds.Count == 0 ? null : Rounds[^1];
}

/// <summary>Where a major decision stands in its procedure.</summary>
public enum MajorDecisionStage
{
    /// <summary>草案 — being prepared; no rule set yet.</summary>
    Draft,

    /// <summary>Submitted for decision; judged by the rule set in force at submission; the assessment is not planned yet.</summary>
    Submitted,

    /// <summary>评估方案 — the assessment is planned (or reopened after a change to the proposal); no view heard yet.</summary>
    AssessmentPlanned,

    /// <summary>听取意见 — public comment and the other ways of hearing views under way.</summary>
    HearingViews,

    /// <summary>Views heard; the dimensions are being analysed.</summary>
    ViewsHeard,

    /// <summary>分析论证 — every dimension analysed; the risk is not rated yet.</summary>
    Analysed,

    /// <summary>风险定级 — rated; mitigation measures recorded; the report not written yet.</summary>
    RiskRated,

    /// <summary>评估报告 — report written; waiting for the preliminary reviews (初审).</summary>
    Reported,

    /// <summary>Both offices agreed to the report; waiting for the collective decision.</summary>
    Reviewed,

    /// <summary>暂缓 — the collective decision postponed the matter; it may be decided later or redesigned.</summary>
    Postponed,

    /// <summary>决定 — implement, implement after mitigation, or do not implement. Final.</summary>
    Decided,
}

/// <summary>A change to the proposal. Once views have been heard on it, it reopens the assessment.</summary>
public sealed record ProposalChange
{
    public required int Number { get; init; }

    public required string WhatChanged { get; init; }

    /// <summary>The proposal before the change.</summary>
    public required string Before { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string By { get; init; }

    /// <summary>The assessment round the change opened, if it reopened the assessment.</summary>
    public int? ReopenedRound { get; init; }
}

/// <summary>The collective decision (集体讨论决定) on the matter, and what it stood on.</summary>
public sealed record CollectiveDecision
{
    public required int Number { get; init; }

    public required CollectiveDecisionOutcome Outcome { get; init; }

    /// <summary>The meeting that decided (an executive meeting, a party group meeting), as the minutes name it.</summary>
    public required string Meeting { get; init; }

    public required string Reasons { get; init; }

    /// <summary>How the remaining objections are answered, when approving at a level that asks for it.</summary>
    public string? Explanation { get; init; }

    /// <summary>The risk level at the time of the decision.</summary>
    public required RiskLevel RiskLevel { get; init; }

    public required int Round { get; init; }

    public required int ReportNumber { get; init; }

    public required DateTimeOffset At { get; init; }

    public required string By { get; init; }
}
