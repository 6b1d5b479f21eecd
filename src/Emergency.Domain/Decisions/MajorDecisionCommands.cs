using Emergency.Domain.Cases;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Decisions;

/// <summary>
/// A move on a major decision. Decision makers draft, submit, change the proposal and decide; assessors carry out the
/// assessment (DOMAIN.md section 3); either may attach public opinion. Each move checks its own fields here, against
/// the matter as it stands (null for the draft that creates it); the procedure's machine judges whether it may be made.
/// </summary>
public abstract record MajorDecisionCommand : CaseCommand
{
    /// <summary>Adds what is wrong with the move's fields to <paramref name="check"/>.</summary>
    internal abstract void Check(Validator check, MajorDecision? matter, DateTimeOffset now);

    /// <summary>The move in the words of a refusal ("cannot record views by questionnaire: ...").</summary>
    internal abstract Message Doing(MajorDecisionRuleSet? rules);
}

/// <summary>Draft a major decision: what is proposed, where it takes effect, and what kind of matter it is.</summary>
[Move("draft", Role.DecisionMaker, Creates = true, Summary = "Draft a major decision (重大决策): what is proposed, where, and what kind of matter")]
public sealed record DraftMajorDecision : MajorDecisionCommand
{
    public required string Title { get; init; }

    public required string Region { get; init; }

    public required MajorDecisionKind Kind { get; init; }

    /// <summary>决策草案 — the proposal the public comments on and the assessment judges.</summary>
    public required string Proposal { get; init; }

    public string? Description { get; init; }

    internal override void Check(Validator check, MajorDecision? matter, DateTimeOffset now) => check
        .Required("title", Title)
        .Required("region", Region)
        .Defined("kind", Kind)
        .Required("proposal", Proposal, Validator.LongText)
        .Optional("description", Description);

    internal override Message Doing(MajorDecisionRuleSet? rules) => DecisionTexts.MoveDraft;
}

/// <summary>Submit the draft for decision; the rule set in force now will judge it.</summary>
[Move("submit", Role.DecisionMaker, BodyOptional = true, Summary = "Submit the draft; the rule set in force now will judge it")]
public sealed record SubmitMajorDecision : MajorDecisionCommand
{
    public string? Note { get; init; }

    internal override void Check(Validator check, MajorDecision? matter, DateTimeOffset now) => check.Optional("note", Note);

    internal override Message Doing(MajorDecisionRuleSet? rules) => DecisionTexts.MoveSubmit;
}

/// <summary>Plan the social stability risk assessment (评估方案), or revise the plan before any view is heard.</summary>
[Move("planAssessment", Role.Assessor, Summary = "Plan the assessment (评估方案), or revise the plan before any view is heard")]
public sealed record PlanAssessment : MajorDecisionCommand
{
    /// <summary>评估主体 — the unit that carries out the assessment.</summary>
    public required string AssessedBy { get; init; }

    public required string Plan { get; init; }

    /// <summary>How views will be heard; must include every method the rule set requires.</summary>
    public required IReadOnlyList<ViewMethod> Methods { get; init; }

    internal override void Check(Validator check, MajorDecision? matter, DateTimeOffset now)
    {
        check.Required("assessedBy", AssessedBy).Required("plan", Plan, Validator.LongText);
        MajorDecision.CheckMethods(check, Methods, matter?.Rules);
    }

    internal override Message Doing(MajorDecisionRuleSet? rules) => DecisionTexts.MovePlan;
}

/// <summary>Publish the proposal for public comment.</summary>
[Move("openPublicComment", Role.Assessor, Summary = "Publish the proposal for public comment")]
public sealed record OpenPublicComment : MajorDecisionCommand
{
    /// <summary>Where it was published (the department's website, a newspaper, a notice board).</summary>
    public required string Channel { get; init; }

    /// <summary>When it was published; defaults to now. Never in the future, never before the assessment was planned.</summary>
    public DateTimeOffset? At { get; init; }

    internal override void Check(Validator check, MajorDecision? matter, DateTimeOffset now)
    {
        check.Required("channel", Channel).NotInFuture("at", At, now);
        if (matter?.State.Round is { } planned)
        {
            check.NotBefore("at", At, planned.OpenedAt, DecisionTexts.ThePlanComments);
        }
    }

    internal override Message Doing(MajorDecisionRuleSet? rules) => DecisionTexts.MoveOpenComment;
}

/// <summary>Close the public comment period: only once the minimum period has run.</summary>
[Move("closePublicComment", Role.Assessor, Summary = "Close the comment period, once its minimum has run")]
public sealed record ClosePublicComment : MajorDecisionCommand
{
    public required int CommentsReceived { get; init; }

    public required string Summary { get; init; }

    /// <summary>When it closed; defaults to now.</summary>
    public DateTimeOffset? At { get; init; }

    internal override void Check(Validator check, MajorDecision? matter, DateTimeOffset now)
    {
        check.NotNegative("commentsReceived", CommentsReceived).Required("summary", Summary, Validator.LongText).NotInFuture("at", At, now);
        if (matter?.State.Round?.PublicComment is { } opened)
        {
            check.NotBefore("at", At, opened.OpenedAt, DecisionTexts.TheCommentOpening);
        }
    }

    internal override Message Doing(MajorDecisionRuleSet? rules) => DecisionTexts.MoveCloseComment;
}

/// <summary>Record views heard by questionnaire, visits or a hearing, with their dates and counts.</summary>
[Move("recordViews", Role.Assessor, Summary = "Record views heard by questionnaire, visit or hearing, with dates and counts")]
public sealed record RecordViews : MajorDecisionCommand
{
    public required ViewMethod Method { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    /// <summary>Questionnaires returned, people visited, or hearing participants.</summary>
    public required int People { get; init; }

    public int? Opposed { get; init; }

    public required string Summary { get; init; }

    internal override void Check(Validator check, MajorDecision? matter, DateTimeOffset now)
    {
        check.Defined("method", Method)
            .NotInFuture("to", To, now)
            .NotNegative("people", People)
            .NotNegative("opposed", Opposed)
            .Required("summary", Summary, Validator.LongText);
        if (Method == ViewMethod.PublicComment)
        {
            check.Add("method", DecisionTexts.CommentIsNotHeard);
        }

        if (To < From)
        {
            check.Add("to", CommonTexts.EndBeforeStart.With(("value", To), ("start", From), ("startField", "from")));
        }

        if (Opposed > People)
        {
            check.Add("opposed", DecisionTexts.MoreOpposedThanHeard.With(("opposed", Opposed), ("people", People)));
        }

        if (matter?.State.Round is { } round)
        {
            check.NotBefore("from", From, round.OpenedAt, DecisionTexts.ThePlanViews);
        }
    }

    internal override Message Doing(MajorDecisionRuleSet? rules) => DecisionTexts.MoveRecordViews.With(("method", Arg.Of(Method)));
}

/// <summary>End the hearing of views: the comment period has closed and every required method was used.</summary>
[Move("finishHearingViews", Role.Assessor, BodyOptional = true, Summary = "End the hearing of views")]
public sealed record FinishHearingViews : MajorDecisionCommand
{
    public string? Note { get; init; }

    internal override void Check(Validator check, MajorDecision? matter, DateTimeOffset now) => check.Optional("note", Note);

    internal override Message Doing(MajorDecisionRuleSet? rules) => DecisionTexts.MoveFinishHearing;
}

/// <summary>Record the findings on one dimension of the analysis.</summary>
[Move("recordFinding", Role.Assessor, Summary = "Record the findings on legality, reasonableness, feasibility or controllability")]
public sealed record RecordFinding : MajorDecisionCommand
{
    public required AnalysisDimension Dimension { get; init; }

    public required string Findings { get; init; }

    internal override void Check(Validator check, MajorDecision? matter, DateTimeOffset now)
    {
        check.Defined("dimension", Dimension).Required("findings", Findings, Validator.LongText);
        if (matter?.Rules is { } rules && Enum.IsDefined(Dimension) && rules.DimensionFor(Dimension) is null)
        {
            check.Add("dimension", DecisionTexts.DimensionNotAnalysed.With(
                ("dimension", Arg.Of(Dimension)), ("ruleSet", rules.Id), ("dimensions", Arg.Of(rules.Dimensions.Keys.Select(d => Arg.Of(d))))));
        }
    }

    /// <summary>The dimension the finding is recorded on: another name of a dimension (safety for controllability) is the rule set's own.</summary>
    internal AnalysisDimension On(MajorDecisionRuleSet? rules) => rules?.DimensionFor(Dimension) ?? Dimension;

    internal override Message Doing(MajorDecisionRuleSet? rules) => DecisionTexts.MoveRecordFinding.With(("dimension", Arg.Of(On(rules))));
}

/// <summary>Rate the risk, or rate it again (a medium rating only after mitigation measures are recorded).</summary>
[Move("rateRisk", Role.Assessor, Summary = "Rate the risk low, medium or high with the reasons, or rate it again")]
public sealed record RateRisk : MajorDecisionCommand
{
    public required RiskLevel Level { get; init; }

    public required IReadOnlyList<string> Reasons { get; init; }

    internal override void Check(Validator check, MajorDecision? matter, DateTimeOffset now)
    {
        check.Defined("level", Level);
        MajorDecision.CheckTexts(check, "reasons", Reasons, DecisionTexts.NoReason);
    }

    internal override Message Doing(MajorDecisionRuleSet? rules) => DecisionTexts.MoveRate;
}

/// <summary>Record one measure to prevent or defuse the risk, and who carries it out.</summary>
[Move("recordMitigation", Role.Assessor, Summary = "Record a mitigation measure and who carries it out")]
public sealed record RecordMitigation : MajorDecisionCommand
{
    public required string Measure { get; init; }

    public required string ResponsibleUnit { get; init; }

    internal override void Check(Validator check, MajorDecision? matter, DateTimeOffset now) =>
        check.Required("measure", Measure, Validator.LongText).Required("responsibleUnit", ResponsibleUnit);

    internal override Message Doing(MajorDecisionRuleSet? rules) => DecisionTexts.MoveMitigate;
}

/// <summary>Write the assessment report: it concludes at the current level with the measures on record and an emergency plan.</summary>
[Move("writeReport", Role.Assessor, Summary = "Write the assessment report with its emergency plan")]
public sealed record WriteReport : MajorDecisionCommand
{
    public required string Summary { get; init; }

    public required string EmergencyPlan { get; init; }

    internal override void Check(Validator check, MajorDecision? matter, DateTimeOffset now) =>
        check.Required("summary", Summary, Validator.LongText).Required("emergencyPlan", EmergencyPlan, Validator.LongText);

    internal override Message Doing(MajorDecisionRuleSet? rules) => DecisionTexts.MoveReport;
}

/// <summary>Record the preliminary review (初审) of the current report by the stability office or the legal office.</summary>
[Move("recordReview", Role.Assessor, Summary = "Record the preliminary review (初审) of the stability office or the legal office: agreed or returned")]
public sealed record RecordReview : MajorDecisionCommand
{
    public required ReviewOffice Office { get; init; }

    public required ReviewVerdict Verdict { get; init; }

    public required string Comments { get; init; }

    internal override void Check(Validator check, MajorDecision? matter, DateTimeOffset now) =>
        check.Defined("office", Office).Defined("verdict", Verdict).Required("comments", Comments, Validator.LongText);

    internal override Message Doing(MajorDecisionRuleSet? rules) => DecisionTexts.MoveReview.With(("office", Arg.Of(Office)));
}

/// <summary>Record the collective decision (集体讨论决定).</summary>
[Move("takeCollectiveDecision", Role.DecisionMaker, Summary = "Record the collective decision (集体讨论决定): implement, implementAfterMitigation, postpone or doNotImplement")]
public sealed record TakeCollectiveDecision : MajorDecisionCommand
{
    public required CollectiveDecisionOutcome Outcome { get; init; }

    public required string Meeting { get; init; }

    public required string Reasons { get; init; }

    /// <summary>How the remaining objections are answered; required when approving at a level that asks for it (low).</summary>
    public string? Explanation { get; init; }

    internal override void Check(Validator check, MajorDecision? matter, DateTimeOffset now)
    {
        check.Defined("outcome", Outcome)
            .Required("meeting", Meeting)
            .Required("reasons", Reasons, Validator.LongText)
            .Optional("explanation", Explanation);
        if (Outcome.Approves() && matter?.State.Round?.Rating is { } rating && matter.Rules is { } rules
            && rules.RiskLevels[rating.Level].ExplanationRequired && string.IsNullOrWhiteSpace(Explanation))
        {
            check.Add("explanation", DecisionTexts.ExplanationRequired.With(("level", Arg.Of(rating.Level)), ("source", rules.RiskLevels[rating.Level].Source)));
        }
    }

    internal override Message Doing(MajorDecisionRuleSet? rules) => DecisionTexts.MoveDecide.With(("outcome", Arg.Of(Outcome)));
}

/// <summary>Attach complaints or an early warning about the matter: they count as views heard.</summary>
[Move("attachPublicOpinion", Role.DecisionMaker, Role.Assessor, Summary = "Attach complaints or an early warning (by their ids) as views heard")]
public sealed record AttachPublicOpinion : MajorDecisionCommand
{
    public required PublicOpinionKind Kind { get; init; }

    public required IReadOnlyList<string> Ids { get; init; }

    public required string Summary { get; init; }

    public required int Count { get; init; }

    public required DateTimeOffset From { get; init; }

    public required DateTimeOffset To { get; init; }

    internal override void Check(Validator check, MajorDecision? matter, DateTimeOffset now)
    {
        check.Defined("kind", Kind).Required("summary", Summary, Validator.LongText).NotInFuture("to", To, now);
        if (Ids is null || Ids.Count == 0)
        {
            check.Add("ids", DecisionTexts.NoOpinionIds);
        }
        else if (Ids.Count > MajorDecision.MaxListItems)
        {
            check.Add("ids", DecisionTexts.TooManyOpinionIds.With(("count", Ids.Count), ("max", MajorDecision.MaxListItems)));
        }
        else
        {
            for (var i = 0; i < Ids.Count; i++)
            {
                check.Required($"ids[{i}]", Ids[i]);
            }
        }

        if (Count < 1)
        {
            check.Add("count", CommonTexts.AtLeast.With(("min", 1)));
        }

        if (To < From)
        {
            check.Add("to", CommonTexts.EndBeforeStart.With(("value", To), ("start", From), ("startField", "from")));
        }
    }

    internal override Message Doing(MajorDecisionRuleSet? rules) => DecisionTexts.MoveAttachOpinion;
}

/// <summary>
/// Change the proposal. Once views have been heard on it, the change is material to the assessment: the round is
/// closed and the assessment reopened on the new proposal (redesign after a high risk is such a change).
/// </summary>
[Move("changeProposal", Role.DecisionMaker, Summary = "Change the proposal; once views were heard, the assessment is reopened")]
public sealed record ChangeProposal : MajorDecisionCommand
{
    public required string Proposal { get; init; }

    public required string WhatChanged { get; init; }

    internal override void Check(Validator check, MajorDecision? matter, DateTimeOffset now)
    {
        check.Required("proposal", Proposal, Validator.LongText).Required("whatChanged", WhatChanged, Validator.LongText);
        if (Proposal == matter?.State.Proposal)
        {
            check.Add("proposal", DecisionTexts.ProposalUnchanged);
        }
    }

    internal override Message Doing(MajorDecisionRuleSet? rules) => DecisionTexts.MoveChangeProposal;
}
