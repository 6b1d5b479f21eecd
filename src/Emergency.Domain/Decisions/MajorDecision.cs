using Emergency.Domain.Enforcement;
using Stateless;

namespace Emergency.Domain.Decisions;

/// <summary>
/// One major decision (重大决策) and its social stability risk assessment (社会稳定风险评估): submitted, assessed
/// (plan, views heard, analysis, rating, report), reviewed by the stability and legal offices, and decided
/// collectively. Every move is a <see cref="MajorDecisionCommand"/> judged by <see cref="Handle"/>: its fields by the
/// record, whether the procedure allows it now by the machine (MajorDecision.Machine.cs), whose transitions carry the
/// effects below. The guards of the procedure (a high risk is never implemented, a medium risk goes on only mitigated
/// and rated again, the comment period runs its minimum, a changed proposal is assessed again, a regional approval
/// restriction blocks approval) are checked there and nowhere else. "now" comes from the caller; a refused command
/// changes nothing.
/// </summary>
public sealed partial class MajorDecision
{
    /// <summary>Longest list a command may carry (ids, reasons, methods): bad input must not bloat the stored state.</summary>
    public const int MaxListItems = 200;

    private readonly MajorDecisionRuleCatalog _catalog;
    private readonly IRegionalRestrictions _restrictions;

    private MajorDecision(MajorDecisionState state, MajorDecisionRuleCatalog catalog, IRegionalRestrictions restrictions)
    {
        State = state;
        _catalog = catalog;
        _restrictions = restrictions;
        _machine = new StateMachine<Phase, string>(() => (Phase)State.Stage, phase => State.Stage = (MajorDecisionStage)phase);
        Configure();
    }

    public MajorDecisionState State { get; }

    /// <summary>The rule set the matter is judged by: the one in force at submission; null while it is a draft.</summary>
    public MajorDecisionRuleSet? Rules => State.RuleSetId.Length == 0 ? null : _catalog.Get(State.RuleSetId);

    /// <summary>
    /// The regional approval restrictions on the matter's region in force at <paramref name="now"/>. Filtered again
    /// here: a source that answers too broadly must not block another region's matter or count a lifted restriction.
    /// </summary>
    public IReadOnlyList<RegionalRestriction> RestrictionsInForce(DateTimeOffset now) =>
        [.. _restrictions.InForce(State.Region, now).Where(r => r.Covers(State.Region, _restrictions.Regions) && r.InForceAt(now))];

    /// <summary>
    /// Rebuilds a matter from its stored state. <paramref name="restrictions"/> tells it the regional approval
    /// restrictions in force; the registry itself stays with the caller.
    /// </summary>
    public static MajorDecision Load(MajorDecisionState state, MajorDecisionRuleCatalog catalog, IRegionalRestrictions restrictions) =>
        new(state, catalog, restrictions);


    /// <summary>Drafts a major decision. No rule set yet: the one in force at submission will judge it.</summary>
    public static (MajorDecision? MajorDecision, Decision Decision) Draft(
        string id, string scope, DraftMajorDecision command, Actor actor, MajorDecisionRuleCatalog catalog, IRegionalRestrictions restrictions, DateTimeOffset now)
    {
        var check = new Validator();
        command.Check(check, null, now);
        if (restrictions.Regions.Problem(command.Region) is { } unknown)
        {
            check.Add("region", unknown);
        }

        if (check.Errors.Count > 0)
        {
            return (null, Decision.Invalid(check.Errors));
        }

        var state = new MajorDecisionState
        {
            Id = id,
            Scope = scope,
            Stage = MajorDecisionStage.Draft,
            Title = command.Title.Trim(),
            Region = command.Region.Trim(),
            Kind = command.Kind,
            Proposal = command.Proposal,
            Description = command.Description,
            DraftedAt = now,
            DraftedBy = actor.ToString(),
        };
        var decision = new MajorDecision(state, catalog, restrictions);
        decision.Append(now, now, actor, MajorDecisionTimelineKind.Drafted, $"Drafted: {command.Kind.Title()} in {state.Region}");
        state.Version = 1;
        return (decision, Decision.Accepted);
    }

    private void Apply(SubmitMajorDecision command, Actor actor, DateTimeOffset now)
    {
        var rules = _catalog.InForceAt(now)!;
        State.SubmittedAt = now;
        State.SubmittedBy = actor.ToString();
        State.RuleSetId = rules.Id;
        Append(now, now, actor, MajorDecisionTimelineKind.Submitted, $"Submitted for decision; judged by rule set {rules.Id}{Noted(command.Note)}");
    }

    private void Apply(PlanAssessment command, Actor actor, DateTimeOffset now, bool revising)
    {
        if (!revising)
        {
            State.Rounds.Add(new AssessmentRound { Number = 1, OpenedAt = now, OpenedBecause = "first assessment" });
        }

        var round = State.Round!;
        round.AssessedBy = command.AssessedBy.Trim();
        round.Plan = command.Plan;
        round.PlannedMethods = [.. command.Methods.Distinct().Order()];
        Append(now, now, actor, MajorDecisionTimelineKind.AssessmentPlanned,
            $"{(revising ? "Assessment plan revised" : "Assessment planned")}: assessed by {round.AssessedBy}; views to be heard by {string.Join(", ", round.PlannedMethods.Select(m => m.Title()))}");
    }

    private void Apply(OpenPublicComment command, Actor actor, DateTimeOffset now)
    {
        var at = command.At ?? now;
        var rule = Rules!.PublicComment;
        var period = new CommentPeriod
        {
            OpenedAt = at,
            RecordedAt = now,
            OpenedBy = actor.ToString(),
            Channel = command.Channel.Trim(),
            MinimumPeriod = rule.MinimumPeriod,
            MayCloseAt = at + rule.MinimumPeriod,
        };
        State.Round!.PublicComment = period;
        Append(at, now, actor, MajorDecisionTimelineKind.PublicCommentOpened,
            $"Proposal published for public comment on {period.Channel}; open at least {Durations.Describe(rule.MinimumPeriod)} ({rule.Source}): it may close from {Durations.Describe(period.MayCloseAt)}{RecordedLater(at, now)}");
    }

    private void Apply(ClosePublicComment command, Actor actor, DateTimeOffset now)
    {
        var at = command.At ?? now;
        var period = State.Round!.PublicComment!;
        period.ClosedAt = at;
        period.ClosedBy = actor.ToString();
        period.CommentsReceived = command.CommentsReceived;
        period.Summary = command.Summary;
        Append(at, now, actor, MajorDecisionTimelineKind.PublicCommentClosed,
            $"Public comment closed after {Durations.Describe(at - period.OpenedAt)}: {command.CommentsReceived} comments received: {command.Summary}{RecordedLater(at, now)}");
    }

    private void Apply(RecordViews command, Actor actor, DateTimeOffset now)
    {
        var round = State.Round!;
        var record = new ViewRecord
        {
            Number = round.Views.Count + 1,
            Method = command.Method,
            From = command.From,
            To = command.To,
            People = command.People,
            Opposed = command.Opposed,
            Summary = command.Summary,
            RecordedAt = now,
            RecordedBy = actor.ToString(),
        };
        round.Views.Add(record);
        Append(command.To, now, actor, MajorDecisionTimelineKind.ViewsRecorded,
            $"Views heard by {command.Method.Title()} {Period(command.From, command.To)}: {command.People} people{(command.Opposed is { } opposed ? $", {opposed} opposed" : "")}: {command.Summary}");
    }

    private void Apply(AttachPublicOpinion command, Actor actor, DateTimeOffset now)
    {
        var link = new PublicOpinionLink
        {
            Number = State.PublicOpinion.Count + 1,
            Kind = command.Kind,
            Ids = [.. command.Ids!.Select(i => i.Trim())],
            Summary = command.Summary,
            Count = command.Count,
            From = command.From,
            To = command.To,
            AttachedAt = now,
            AttachedBy = actor.ToString(),
        };
        State.PublicOpinion.Add(link);
        var what = command.Kind == PublicOpinionKind.Complaints ? $"{command.Count} complaints" : $"An early warning ({command.Count} complaints)";
        Append(now, now, actor, MajorDecisionTimelineKind.PublicOpinionAttached,
            $"{what} {Period(command.From, command.To)} attached as views heard ({string.Join(", ", link.Ids)}): {command.Summary}");
    }

    private void Apply(FinishHearingViews command, Actor actor, DateTimeOffset now)
    {
        var round = State.Round!;
        round.ViewsHeardAt = now;
        var heard = new List<string>();
        if (round.PublicComment is { ClosedAt: { } closed } comment)
        {
            heard.Add($"public comment for {Durations.Describe(closed - comment.OpenedAt)} ({comment.CommentsReceived} comments)");
        }

        heard.AddRange(round.Views.GroupBy(v => v.Method).Select(g => $"{g.Key.Title()} ×{g.Count()} ({g.Sum(v => v.People)} people)"));
        if (State.PublicOpinion.Count > 0)
        {
            heard.Add($"public opinion ×{State.PublicOpinion.Count} ({State.PublicOpinion.Sum(p => p.Count)} complaints)");
        }

        Append(now, now, actor, MajorDecisionTimelineKind.ViewsHeard, $"Views heard: {string.Join("; ", heard)}{Noted(command.Note)}");
    }

    private void Apply(RecordFinding command, Actor actor, DateTimeOffset now)
    {
        var dimension = command.On(Rules);
        State.Round!.Findings.Add(new DimensionFinding { Dimension = dimension, Findings = command.Findings, At = now, By = actor.ToString() });
        Append(now, now, actor, MajorDecisionTimelineKind.FindingRecorded, $"Analysed {dimension.Title()}: {command.Findings}");
    }

    private void Apply(RateRisk command, Actor actor, DateTimeOffset now)
    {
        var round = State.Round!;
        var before = round.Rating;
        round.Ratings.Add(new RiskRating
        {
            Number = round.Ratings.Count + 1,
            Level = command.Level,
            Reasons = [.. command.Reasons],
            MeasuresOnRecord = round.Mitigation.Count,
            At = now,
            By = actor.ToString(),
        });
        var rated = before is null ? $"Rated {command.Level.Title()}" : $"Rated again: {before.Level.Title()} → {command.Level.Title()} with {round.Mitigation.Count} mitigation measures on record";
        Append(now, now, actor, MajorDecisionTimelineKind.RiskRated, $"{rated}: {string.Join("; ", command.Reasons)}");
    }

    private void Apply(RecordMitigation command, Actor actor, DateTimeOffset now)
    {
        var round = State.Round!;
        var measure = new MitigationMeasure
        {
            Number = round.Mitigation.Count + 1,
            Measure = command.Measure,
            ResponsibleUnit = command.ResponsibleUnit.Trim(),
            AfterRating = round.Rating!.Number,
            At = now,
            By = actor.ToString(),
        };
        round.Mitigation.Add(measure);
        Append(now, now, actor, MajorDecisionTimelineKind.MitigationRecorded, $"Mitigation measure #{measure.Number} ({measure.ResponsibleUnit}): {command.Measure}");
    }

    private void Apply(WriteReport command, Actor actor, DateTimeOffset now)
    {
        var round = State.Round!;
        var report = new AssessmentReport
        {
            Number = round.Reports.Count + 1,
            RiskLevel = round.Rating!.Level,
            RatingNumber = round.Rating.Number,
            Summary = command.Summary,
            EmergencyPlan = command.EmergencyPlan,
            MeasuresOnRecord = round.Mitigation.Count,
            At = now,
            By = actor.ToString(),
        };
        round.Reports.Add(report);
        Append(now, now, actor, MajorDecisionTimelineKind.ReportWritten,
            $"Report #{report.Number} written at {report.RiskLevel.Title()} with {report.MeasuresOnRecord} mitigation measures and an emergency plan: {command.Summary}");
    }

    private void Apply(RecordReview command, Actor actor, DateTimeOffset now)
    {
        var round = State.Round!;
        var report = round.Report!;
        round.Reviews.Add(new PreliminaryReview
        {
            Office = command.Office,
            Verdict = command.Verdict,
            Comments = command.Comments,
            ReportNumber = report.Number,
            At = now,
            By = actor.ToString(),
        });
        var verdict = command.Verdict == ReviewVerdict.Agreed ? $"agreed to report #{report.Number}" : $"returned report #{report.Number} to the assessors";
        Append(now, now, actor, MajorDecisionTimelineKind.ReviewRecorded, $"Preliminary review (初审): {command.Office.Title()} {verdict}: {command.Comments}");
    }

    private void Apply(TakeCollectiveDecision command, Actor actor, DateTimeOffset now)
    {
        var round = State.Round!;
        var decision = new CollectiveDecision
        {
            Number = State.CollectiveDecisions.Count + 1,
            Outcome = command.Outcome,
            Meeting = command.Meeting.Trim(),
            Reasons = command.Reasons,
            Explanation = command.Explanation,
            RiskLevel = round.Rating!.Level,
            Round = round.Number,
            ReportNumber = round.Report!.Number,
            At = now,
            By = actor.ToString(),
        };
        State.CollectiveDecisions.Add(decision);
        Append(now, now, actor, MajorDecisionTimelineKind.CollectiveDecisionTaken,
            $"Collective decision at {decision.Meeting}: {command.Outcome.Title()} at {decision.RiskLevel.Title()}: {command.Reasons}{(command.Explanation is { Length: > 0 } e ? $"; explanation: {e}" : "")}");
    }

    /// <summary>
    /// Changes the proposal. Before any view is heard the assessment simply continues on the new text; once views are
    /// heard the change reopens the assessment: the round is closed (with what it heard, found and concluded) and a
    /// new one starts from the plan, so the public comments again and the risk is rated again.
    /// </summary>
    private void Apply(ChangeProposal command, Actor actor, DateTimeOffset now, bool reopens)
    {
        var round = State.Round;
        State.ProposalChanges.Add(new ProposalChange
        {
            Number = State.ProposalChanges.Count + 1,
            WhatChanged = command.WhatChanged,
            Before = State.Proposal,
            At = now,
            By = actor.ToString(),
            ReopenedRound = reopens ? round!.Number + 1 : null,
        });
        State.Proposal = command.Proposal;
        Append(now, now, actor, MajorDecisionTimelineKind.ProposalChanged, $"Proposal changed: {command.WhatChanged}");
        if (!reopens)
        {
            return;
        }

        var concluded = round!.Rating is { } rating ? $" (rated {rating.Level.Title()})" : "";
        round.ClosedAt = now;
        round.ClosedBecause = $"the proposal changed: {command.WhatChanged}";
        if (round.PublicComment is { IsOpen: true } open)
        {
            open.SupersededAt = now;
        }

        State.Rounds.Add(new AssessmentRound
        {
            Number = round.Number + 1,
            OpenedAt = now,
            OpenedBecause = $"the proposal changed: {command.WhatChanged}",
            AssessedBy = round.AssessedBy,
            Plan = round.Plan,
            PlannedMethods = [.. round.PlannedMethods],
        });
        Append(now, now, actor, MajorDecisionTimelineKind.AssessmentReopened,
            $"Assessment reopened as round {round.Number + 1} on the changed proposal; round {round.Number}{concluded} is kept in the history; the plan is carried over");
    }

    /// <summary>What keeps the matter from moving on now, in the words a decision maker reads on the board.</summary>
    public IReadOnlyList<MajorDecisionBlocker> Blockers(DateTimeOffset now)
    {
        var blockers = new List<MajorDecisionBlocker>();
        void Waiting(string text) => blockers.Add(new MajorDecisionBlocker(BlockerKind.Procedure, text));

        var round = State.Round;
        switch (State.Stage)
        {
            case MajorDecisionStage.Draft:
                Waiting("a draft: waiting to be submitted");
                break;
            case MajorDecisionStage.Submitted:
                Waiting("waiting for the assessment plan");
                break;
            case MajorDecisionStage.AssessmentPlanned:
                Waiting(round!.Number == 1 ? "no view heard yet: waiting for public comment to open" : $"assessment reopened ({round.OpenedBecause}): waiting for public comment to open");
                break;
            case MajorDecisionStage.HearingViews:
                if (round!.PublicComment is { IsOpen: true } comment)
                {
                    if (now < comment.MayCloseAt)
                    {
                        blockers.Add(new MajorDecisionBlocker(BlockerKind.CommentPeriod, $"comment period open until {Durations.Describe(comment.MayCloseAt)} (at least {Durations.Describe(comment.MinimumPeriod)})"));
                    }
                    else
                    {
                        Waiting($"comment period may close since {Durations.Describe(comment.MayCloseAt)}: waiting for it to be closed");
                    }
                }
                else if (WhyNotFinishHearing(now) is { } missing)
                {
                    Waiting(missing.Text);
                }
                else
                {
                    Waiting("waiting for the end of hearing views");
                }

                break;
            case MajorDecisionStage.ViewsHeard:
                Waiting($"waiting for the analysis of {string.Join(", ", Rules!.Dimensions.Keys.Where(d => WhyNotFinding(d) is null).Select(d => d.Title()))}");
                break;
            case MajorDecisionStage.Analysed:
                Waiting("waiting for the risk rating");
                break;
            case MajorDecisionStage.RiskRated:
                if (WhyNotReport() is { } notYet)
                {
                    blockers.Add(new MajorDecisionBlocker(round!.Rating!.Level == RiskLevel.Medium ? BlockerKind.Risk : BlockerKind.Procedure, notYet.Text));
                }
                else if (round!.Report is { } returned)
                {
                    Waiting($"report #{returned.Number} was returned by {string.Join(" and ", round.Reviews.Where(r => r.ReportNumber == returned.Number && r.Verdict == ReviewVerdict.Returned).Select(r => r.Office.Title()))}: waiting for the assessors");
                }
                else
                {
                    Waiting($"waiting for the report at {round.Rating!.Level.Title()}");
                }

                break;
            case MajorDecisionStage.Reported:
                foreach (var office in ReviewOffices.All.Where(o => round!.ReviewBy(o) is null))
                {
                    Waiting($"waiting for the review of {office.Title()}");
                }

                break;
            case MajorDecisionStage.Reviewed or MajorDecisionStage.Postponed:
                var level = round!.Rating!.Level;
                if (level == RiskLevel.High)
                {
                    blockers.Add(new MajorDecisionBlocker(BlockerKind.Risk, $"{level.Title()}: cannot be implemented; redesign it (changeProposal) and assess it again, or postpone or do not implement"));
                }
                else if (State.Kind == MajorDecisionKind.InvestmentProject && !Rules!.InvestmentProjects.ApprovableAt.Contains(level))
                {
                    blockers.Add(new MajorDecisionBlocker(BlockerKind.Risk, $"an investment project is not approved at {level.Title()}; redesign it (changeProposal) and assess it again, or postpone or do not implement"));
                }

                Waiting(State.Stage == MajorDecisionStage.Postponed
                    ? $"postponed at {Durations.Describe(State.CollectiveDecisions[^1].At)} ({State.CollectiveDecisions[^1].Meeting}): waiting for a new collective decision"
                    : "waiting for the collective decision");
                break;
            default:
                break;
        }

        if (State.Stage != MajorDecisionStage.Decided)
        {
            blockers.AddRange(RestrictionsInForce(now).Select(r => new MajorDecisionBlocker(BlockerKind.RegionalRestriction, $"approval blocked by the {r.Describe()}")));
        }

        return blockers;
    }


    private Refusal? WhyNotOpenComment() => State.Round?.PublicComment is { } comment
        ? new Refusal(DecisionRefusals.CommentAlreadyOpened, $"public comment was already opened at {Durations.Describe(comment.OpenedAt)} on {comment.Channel}{(comment.ClosedAt is { } closed ? $" and closed at {Durations.Describe(closed)}" : "")}")
        : null;

    private Refusal? WhyNotCloseComment(DateTimeOffset at)
    {
        var comment = State.Round?.PublicComment;
        if (comment is null)
        {
            return new Refusal(DecisionRefusals.CommentNotOpened, "public comment has not been opened");
        }

        if (comment.ClosedAt is { } closed)
        {
            return new Refusal(DecisionRefusals.CommentAlreadyClosed, $"public comment was already closed at {Durations.Describe(closed)}");
        }

        if (at < comment.MayCloseAt)
        {
            return new Refusal(DecisionRefusals.CommentPeriodTooShort, $"the comment period cannot be cut short: opened {Durations.Describe(comment.OpenedAt)}, it runs at least {Durations.Describe(comment.MinimumPeriod)} ({Rules!.PublicComment.Source}); it may close from {Durations.Describe(comment.MayCloseAt)}");
        }

        return null;
    }

    private Refusal? WhyNotFinishHearing(DateTimeOffset now)
    {
        var round = State.Round!;
        var rules = Rules!;
        if (round.PublicComment is { IsOpen: true } comment)
        {
            return new Refusal(DecisionRefusals.CommentStillOpen, now < comment.MayCloseAt
                ? $"the comment period is open until {Durations.Describe(comment.MayCloseAt)} and cannot be cut short"
                : $"close the comment period first (it may close since {Durations.Describe(comment.MayCloseAt)})");
        }

        var missing = rules.RequiredMethods
            .Where(m => m == ViewMethod.PublicComment ? round.PublicComment is null : round.Views.All(v => v.Method != m))
            .ToList();
        return missing.Count > 0
            ? new Refusal(DecisionRefusals.ViewsMissing, $"views have not been heard by {string.Join(", ", missing.Select(m => m.Title()))} yet, which rule set {rules.Id} requires ({string.Join("; ", missing.Select(m => rules.ViewMethods[m].Source))})")
            : null;
    }

    private Refusal? WhyNotFinding(AnalysisDimension dimension) =>
        State.Round?.Findings.FirstOrDefault(f => Rules?.DimensionFor(f.Dimension) == dimension) is { } done
            ? new Refusal(DecisionRefusals.DimensionAlreadyAnalysed, $"{dimension.Title()} was already analysed at {Durations.Describe(done.At)} by {done.By}; findings are kept as recorded")
            : null;

    private string StillToAnalyse()
    {
        if (State.Stage != MajorDecisionStage.ViewsHeard)
        {
            return "";
        }

        var left = Rules!.Dimensions.Keys.Where(d => WhyNotFinding(d) is null).Select(d => d.Title());
        return $": still to analyse: {string.Join(", ", left)}";
    }

    private Refusal? WhyNotRate()
    {
        var rating = State.Round?.Rating;
        if (rating is null)
        {
            return null;
        }

        if (rating.Level == RiskLevel.High)
        {
            return new Refusal(DecisionRefusals.HighRiskStands, $"a {RiskLevel.High.Title()} stands until the proposal is redesigned: change the proposal (changeProposal) to assess it again");
        }

        if (rating.Level == RiskLevel.Medium && Rules!.RiskLevels[RiskLevel.Medium].MitigateAndReRate && !State.Round!.Mitigation.Any(m => m.AfterRating == rating.Number))
        {
            return new Refusal(DecisionRefusals.MitigationBeforeReRating, $"a {RiskLevel.Medium.Title()} is rated again only after mitigation measures are recorded for it (recordMitigation)");
        }

        return null;
    }

    private Refusal? WhyNotReport()
    {
        var round = State.Round!;
        var rating = round.Rating!;
        var rule = Rules!.RiskLevels[rating.Level];
        if (rule.MitigateAndReRate && !ReRatedAfterMitigation(round, rating))
        {
            return new Refusal(DecisionRefusals.MitigationNeeded, round.Mitigation.Any(m => m.AfterRating == rating.Number)
                ? $"a {rating.Level.Title()} goes on only once it is rated again with its mitigation measures on record (rateRisk)"
                : $"a {rating.Level.Title()} goes on only after its mitigation measures are recorded (recordMitigation) and the risk is rated again (rateRisk)");
        }

        return round.Mitigation.Count == 0 ? new Refusal(DecisionRefusals.MitigationNeeded, "the report needs the mitigation measures: record at least one (recordMitigation)") : null;
    }

    /// <summary>True when <paramref name="rating"/> came after an earlier medium rating and measures recorded in answer to it.</summary>
    private static bool ReRatedAfterMitigation(AssessmentRound round, RiskRating rating) =>
        round.Ratings.Any(m => m.Number < rating.Number && m.Level == RiskLevel.Medium
            && round.Mitigation.Any(x => x.AfterRating >= m.Number && x.AfterRating < rating.Number));

    private Refusal? WhyNotReview(ReviewOffice office) =>
        State.Round?.ReviewBy(office) is { } done
            ? new Refusal(DecisionRefusals.AlreadyReviewed, $"{office.Title()} already reviewed report #{done.ReportNumber} at {Durations.Describe(done.At)} ({done.Verdict.ToString().ToLowerInvariant()})")
            : null;

    private Refusal? WhyNotDecide(CollectiveDecisionOutcome outcome, DateTimeOffset now)
    {
        var level = State.Round!.Rating!.Level;
        var rules = Rules!;
        var rule = rules.RiskLevels[level];
        if (State.Stage == MajorDecisionStage.Postponed && outcome == CollectiveDecisionOutcome.Postpone)
        {
            return new Refusal(DecisionRefusals.AlreadyPostponed, $"the matter is already postponed (since {Durations.Describe(State.CollectiveDecisions[^1].At)})");
        }

        // Checked before the rule set's list: whatever a rule file says, a high risk is never implemented.
        if (level == RiskLevel.High && outcome.Approves())
        {
            return new Refusal(DecisionRefusals.HighRiskNotImplemented, $"a {level.Title()} cannot be implemented ({rule.Meaning}); it may be redesigned and assessed again (changeProposal), postponed or not implemented");
        }

        if (!rule.Outcomes.Contains(outcome))
        {
            return new Refusal(DecisionRefusals.OutcomeNotAllowedAtLevel, $"at {level.Title()} the collective decision may only be {string.Join(", ", rule.Outcomes.Select(o => o.Name()))} ({rule.Source})");
        }

        if (outcome.Approves() && State.Kind == MajorDecisionKind.InvestmentProject && !rules.InvestmentProjects.ApprovableAt.Contains(level))
        {
            return new Refusal(DecisionRefusals.InvestmentNotApprovable, $"an investment project cannot be approved at {level.Title()} ({rules.InvestmentProjects.Source}); it may be redesigned and assessed again (changeProposal), postponed or not implemented");
        }

        if (outcome.Approves() && RestrictionsInForce(now) is { Count: > 0 } restrictions)
        {
            return new Refusal(DecisionRefusals.RestrictionInForce, $"cannot approve while the {string.Join("; and the ", restrictions.Select(r => r.Describe()))} stands; postpone, or decide once it is lifted");
        }

        return null;
    }

    private Refusal NoRuleSetAt(DateTimeOffset now) => new(
        DecisionRefusals.NoRuleSet,
        $"no rule set for major decisions was in force on {Durations.Describe(now)}; the earliest starts {Durations.Describe(_catalog.All[0].EffectiveFrom)}");

    private void Append(DateTimeOffset at, DateTimeOffset recordedAt, Actor actor, MajorDecisionTimelineKind kind, string text) =>
        State.Timeline.Add(new MajorDecisionTimelineEntry
        {
            Seq = State.Timeline.Count + 1,
            At = at,
            RecordedAt = recordedAt,
            Actor = actor.ToString(),
            Kind = kind,
            Text = text,
            Round = State.Round?.Number,
        });

    internal static void CheckMethods(Validator check, IReadOnlyList<ViewMethod>? methods, MajorDecisionRuleSet? rules)
    {
        if (methods is null || methods.Count == 0)
        {
            check.Add("methods", "must name at least one way of hearing views");
            return;
        }

        if (methods.Count > MaxListItems)
        {
            check.Add("methods", $"has {methods.Count} entries; at most {MaxListItems} are allowed");
            return;
        }

        for (var i = 0; i < methods.Count; i++)
        {
            check.Defined($"methods[{i}]", methods[i]);
        }

        if (rules is not null)
        {
            foreach (var required in rules.RequiredMethods.Where(m => !methods.Contains(m)))
            {
                check.Add("methods", $"must include {required.Name()}, which rule set {rules.Id} requires ({rules.ViewMethods[required].Source})");
            }
        }
    }

    internal static void CheckTexts(Validator check, string field, IReadOnlyList<string>? texts, string whenEmpty)
    {
        if (texts is null || texts.Count == 0)
        {
            check.Add(field, whenEmpty);
            return;
        }

        if (texts.Count > MaxListItems)
        {
            check.Add(field, $"has {texts.Count} entries; at most {MaxListItems} are allowed");
            return;
        }

        for (var i = 0; i < texts.Count; i++)
        {
            check.Required($"{field}[{i}]", texts[i], Validator.LongText);
        }
    }

    private static string Period(DateTimeOffset from, DateTimeOffset to) =>
        from == to ? $"on {Durations.Describe(from)}" : $"from {Durations.Describe(from)} to {Durations.Describe(to)}";

    private static string RecordedLater(DateTimeOffset at, DateTimeOffset now) =>
        now - at > TimeSpan.FromMinutes(1) ? $", recorded {Durations.Describe(now - at)} later" : "";

    /// <summary>Why the procedure refuses a step: the stable code a drill expectation names, and the sentence a person reads.</summary>
    private sealed record Refusal(string Code, string Text);

    private static string Noted(string? note) => note is { Length: > 0 } ? $": {note}" : "";
}
