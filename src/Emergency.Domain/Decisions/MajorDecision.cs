using Emergency.Domain.Cases;
using Emergency.Domain.Enforcement;
using Emergency.Domain.Messages;
using Stateless;

namespace Emergency.Domain.Decisions;

/// <summary>
/// One major decision (重大决策) and its social stability risk assessment (社会稳定风险评估): submitted, assessed
/// (plan, views heard, analysis, rating, report), reviewed by the stability and legal offices, and decided
/// collectively. Every move is a <see cref="MajorDecisionCommand"/> judged by <see cref="Cases.JudgedCase{TCommand}.Handle"/>: its fields by the
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
        decision.Append(now, now, actor, MajorDecisionTimelineKind.Drafted, DecisionTexts.Drafted.With(("kind", Arg.Of(command.Kind)), ("region", state.Region)));
        state.Version = 1;
        return (decision, Decision.Accepted);
    }

    private void Apply(SubmitMajorDecision command, Actor actor, DateTimeOffset now)
    {
        var rules = _catalog.InForceAt(now)!;
        State.SubmittedAt = now;
        State.SubmittedBy = actor.ToString();
        State.RuleSetId = rules.Id;
        Append(now, now, actor, MajorDecisionTimelineKind.Submitted, DecisionTexts.Submitted.With(("ruleSet", rules.Id), ("note", Noted(command.Note))));
    }

    private void Apply(PlanAssessment command, Actor actor, DateTimeOffset now, bool revising)
    {
        if (!revising)
        {
            State.Rounds.Add(new AssessmentRound { Number = 1, OpenedAt = now, OpenedBecause = DecisionTexts.FirstAssessment });
        }

        var round = State.Round!;
        round.AssessedBy = command.AssessedBy.Trim();
        round.Plan = command.Plan;
        round.PlannedMethods = [.. command.Methods.Distinct().Order()];
        Append(now, now, actor, MajorDecisionTimelineKind.AssessmentPlanned,
            (revising ? DecisionTexts.PlanRevised : DecisionTexts.Planned).With(("assessor", round.AssessedBy), ("methods", Terms(round.PlannedMethods))));
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
            DecisionTexts.CommentOpened.With(
                ("channel", period.Channel), ("minimum", rule.MinimumPeriod), ("source", rule.Source), ("mayClose", period.MayCloseAt), ("recorded", RecordedLater(at, now))));
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
            DecisionTexts.CommentClosed.With(
                ("after", at - period.OpenedAt), ("comments", command.CommentsReceived), ("summary", command.Summary), ("recorded", RecordedLater(at, now))));
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
            DecisionTexts.ViewsRecorded.With(
                ("method", Arg.Of(command.Method)),
                ("period", Period(command.From, command.To)),
                ("people", command.People),
                ("opposed", command.Opposed is { } opposed ? DecisionTexts.Opposed.With(("opposed", opposed)) : Nothing),
                ("summary", command.Summary)));
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
        var attached = command.Kind == PublicOpinionKind.Complaints ? DecisionTexts.ComplaintsAttached : DecisionTexts.WarningAttached;
        Append(now, now, actor, MajorDecisionTimelineKind.PublicOpinionAttached, attached.With(
            ("count", command.Count), ("period", Period(command.From, command.To)), ("ids", Texts(link.Ids)), ("summary", command.Summary)));
    }

    private void Apply(FinishHearingViews command, Actor actor, DateTimeOffset now)
    {
        var round = State.Round!;
        round.ViewsHeardAt = now;
        var heard = new List<Arg>();
        if (round.PublicComment is { ClosedAt: { } closed } comment)
        {
            heard.Add(DecisionTexts.HeardComment.With(("duration", closed - comment.OpenedAt), ("comments", comment.CommentsReceived ?? 0)));
        }

        heard.AddRange(round.Views.GroupBy(v => v.Method).Select(g => Arg.Of(DecisionTexts.HeardByMethod.With(("method", Arg.Of(g.Key)), ("times", g.Count()), ("people", g.Sum(v => v.People))))));
        if (State.PublicOpinion.Count > 0)
        {
            heard.Add(DecisionTexts.HeardOpinion.With(("times", State.PublicOpinion.Count), ("complaints", State.PublicOpinion.Sum(p => p.Count))));
        }

        Append(now, now, actor, MajorDecisionTimelineKind.ViewsHeard, DecisionTexts.ViewsHeard.With(("heard", Arg.Of(heard)), ("note", Noted(command.Note))));
    }

    private void Apply(RecordFinding command, Actor actor, DateTimeOffset now)
    {
        var dimension = command.On(Rules);
        State.Round!.Findings.Add(new DimensionFinding { Dimension = dimension, Findings = command.Findings, At = now, By = actor.ToString() });
        Append(now, now, actor, MajorDecisionTimelineKind.FindingRecorded, DecisionTexts.FindingRecorded.With(("dimension", Arg.Of(dimension)), ("findings", command.Findings)));
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
        var rated = before is null
            ? DecisionTexts.Rated.With(("level", Arg.Of(command.Level)), ("reasons", Texts(command.Reasons)))
            : DecisionTexts.ReRated.With(("before", Arg.Of(before.Level)), ("level", Arg.Of(command.Level)), ("measures", round.Mitigation.Count), ("reasons", Texts(command.Reasons)));
        Append(now, now, actor, MajorDecisionTimelineKind.RiskRated, rated);
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
        Append(now, now, actor, MajorDecisionTimelineKind.MitigationRecorded, DecisionTexts.MitigationRecorded.With(("number", measure.Number), ("unit", measure.ResponsibleUnit), ("measure", command.Measure)));
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
            DecisionTexts.ReportWritten.With(("number", report.Number), ("level", Arg.Of(report.RiskLevel)), ("measures", report.MeasuresOnRecord), ("summary", command.Summary)));
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
        var verdict = command.Verdict == ReviewVerdict.Agreed ? DecisionTexts.ReviewAgreed : DecisionTexts.ReviewReturned;
        Append(now, now, actor, MajorDecisionTimelineKind.ReviewRecorded,
            verdict.With(("office", Arg.Of(command.Office)), ("report", report.Number), ("comments", command.Comments)));
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
            DecisionTexts.CollectiveDecisionTaken.With(
                ("meeting", decision.Meeting),
                ("outcome", Arg.Of(command.Outcome)),
                ("level", Arg.Of(decision.RiskLevel)),
                ("reasons", command.Reasons),
                ("explanation", command.Explanation is { Length: > 0 } e ? DecisionTexts.Explanation.With(("explanation", e)) : Nothing)));
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
        Append(now, now, actor, MajorDecisionTimelineKind.ProposalChanged, DecisionTexts.ProposalChanged.With(("what", command.WhatChanged)));
        if (!reopens)
        {
            return;
        }

        var concluded = round!.Rating is { } rating ? DecisionTexts.RatedAs.With(("level", Arg.Of(rating.Level))) : Nothing;
        var because = DecisionTexts.ProposalChangedBecause.With(("what", command.WhatChanged));
        round.ClosedAt = now;
        round.ClosedBecause = because;
        if (round.PublicComment is { IsOpen: true } open)
        {
            open.SupersededAt = now;
        }

        State.Rounds.Add(new AssessmentRound
        {
            Number = round.Number + 1,
            OpenedAt = now,
            OpenedBecause = because,
            AssessedBy = round.AssessedBy,
            Plan = round.Plan,
            PlannedMethods = [.. round.PlannedMethods],
        });
        Append(now, now, actor, MajorDecisionTimelineKind.AssessmentReopened,
            DecisionTexts.Reopened.With(("round", round.Number + 1), ("previous", round.Number), ("concluded", concluded)));
    }

    /// <summary>What keeps the matter from moving on now, in the words a decision maker reads on the board.</summary>
    public IReadOnlyList<MajorDecisionBlocker> Blockers(DateTimeOffset now)
    {
        var blockers = new List<MajorDecisionBlocker>();
        void Waiting(Message text) => blockers.Add(new MajorDecisionBlocker(BlockerKind.Procedure, text));

        var round = State.Round;
        switch (State.Stage)
        {
            case MajorDecisionStage.Draft:
                Waiting(DecisionTexts.WaitingSubmission);
                break;
            case MajorDecisionStage.Submitted:
                Waiting(DecisionTexts.WaitingPlan);
                break;
            case MajorDecisionStage.AssessmentPlanned:
                Waiting(round!.Number == 1 ? DecisionTexts.WaitingComment : DecisionTexts.WaitingCommentReopened.With(("because", round.OpenedBecause)));
                break;
            case MajorDecisionStage.HearingViews:
                if (round!.PublicComment is { IsOpen: true } comment)
                {
                    if (now < comment.MayCloseAt)
                    {
                        blockers.Add(new MajorDecisionBlocker(BlockerKind.CommentPeriod, DecisionTexts.CommentRunning.With(("until", comment.MayCloseAt), ("minimum", comment.MinimumPeriod))));
                    }
                    else
                    {
                        Waiting(DecisionTexts.CommentMayClose.With(("since", comment.MayCloseAt)));
                    }
                }
                else if (WhyNotFinishHearing(now) is { } missing)
                {
                    Waiting(missing);
                }
                else
                {
                    Waiting(DecisionTexts.WaitingEndOfHearing);
                }

                break;
            case MajorDecisionStage.ViewsHeard:
                Waiting(DecisionTexts.WaitingAnalysis.With(("dimensions", Terms(Rules!.Dimensions.Keys.Where(d => WhyNotFinding(d) is null)))));
                break;
            case MajorDecisionStage.Analysed:
                Waiting(DecisionTexts.WaitingRating);
                break;
            case MajorDecisionStage.RiskRated:
                if (WhyNotReport() is { } notYet)
                {
                    blockers.Add(new MajorDecisionBlocker(round!.Rating!.Level == RiskLevel.Medium ? BlockerKind.Risk : BlockerKind.Procedure, notYet));
                }
                else if (round!.Report is { } returned)
                {
                    Waiting(DecisionTexts.ReturnedBy.With(
                        ("report", returned.Number),
                        ("offices", Terms(round.Reviews.Where(r => r.ReportNumber == returned.Number && r.Verdict == ReviewVerdict.Returned).Select(r => r.Office)))));
                }
                else
                {
                    Waiting(DecisionTexts.WaitingReport.With(("level", Arg.Of(round.Rating!.Level))));
                }

                break;
            case MajorDecisionStage.Reported:
                foreach (var office in ReviewOffices.All.Where(o => round!.ReviewBy(o) is null))
                {
                    Waiting(DecisionTexts.WaitingReview.With(("office", Arg.Of(office))));
                }

                break;
            case MajorDecisionStage.Reviewed or MajorDecisionStage.Postponed:
                var level = round!.Rating!.Level;
                if (level == RiskLevel.High)
                {
                    blockers.Add(new MajorDecisionBlocker(BlockerKind.Risk, DecisionTexts.HighRiskBlocks.With(("level", Arg.Of(level)))));
                }
                else if (State.Kind == MajorDecisionKind.InvestmentProject && !Rules!.InvestmentProjects.ApprovableAt.Contains(level))
                {
                    blockers.Add(new MajorDecisionBlocker(BlockerKind.Risk, DecisionTexts.InvestmentBlocked.With(("level", Arg.Of(level)))));
                }

                Waiting(State.Stage == MajorDecisionStage.Postponed
                    ? DecisionTexts.WaitingAfterPostponement.With(("at", State.CollectiveDecisions[^1].At), ("meeting", State.CollectiveDecisions[^1].Meeting))
                    : DecisionTexts.WaitingDecision);
                break;
            default:
                break;
        }

        if (State.Stage != MajorDecisionStage.Decided)
        {
            blockers.AddRange(RestrictionsInForce(now).Select(r => new MajorDecisionBlocker(BlockerKind.RegionalRestriction, DecisionTexts.BlockedByRestriction.With(("restriction", r.Describe())))));
        }

        return blockers;
    }

    private void Append(DateTimeOffset at, DateTimeOffset recordedAt, Actor actor, MajorDecisionTimelineKind kind, Message text) =>
        State.Timeline.Append(at, recordedAt, actor.ToString(), kind, text, round: State.Round?.Number);

    internal static void CheckMethods(Validator check, IReadOnlyList<ViewMethod>? methods, MajorDecisionRuleSet? rules)
    {
        if (methods is null || methods.Count == 0)
        {
            check.Add("methods", DecisionTexts.NoViewMethod);
            return;
        }

        if (methods.Count > MaxListItems)
        {
            check.Add("methods", CommonTexts.TooMany.With(("count", methods.Count), ("max", MaxListItems)));
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
                check.Add("methods", DecisionTexts.MethodRequired.With(("method", Arg.Of(required)), ("ruleSet", rules.Id), ("source", rules.ViewMethods[required].Source)));
            }
        }
    }

    internal static void CheckTexts(Validator check, string field, IReadOnlyList<string>? texts, Message whenEmpty)
    {
        if (texts is null || texts.Count == 0)
        {
            check.Add(field, whenEmpty);
            return;
        }

        if (texts.Count > MaxListItems)
        {
            check.Add(field, CommonTexts.TooMany.With(("count", texts.Count), ("max", MaxListItems)));
            return;
        }

        for (var i = 0; i < texts.Count; i++)
        {
            check.Required($"{field}[{i}]", texts[i], Validator.LongText);
        }
    }

    /// <summary>An optional part of a sentence that is absent: renders as nothing in every language.</summary>
    private static Arg Nothing => Arg.Of("");

    private static Message Period(DateTimeOffset from, DateTimeOffset to) =>
        from == to ? DecisionTexts.On.With(("at", from)) : DecisionTexts.Between.With(("from", from), ("to", to));

    private static Arg RecordedLater(DateTimeOffset at, DateTimeOffset now) =>
        now - at > TimeSpan.FromMinutes(1) ? DecisionTexts.RecordedLater.With(("after", now - at)) : Nothing;

    private static Arg Noted(string? note) => note is { Length: > 0 } ? DecisionTexts.Noted.With(("note", note)) : Nothing;

    /// <summary>Enum values as a list of terms, each named in the reader's language.</summary>
    private static Arg Terms<TEnum>(IEnumerable<TEnum> values)
        where TEnum : struct, Enum => Arg.Of(values.Select(v => Arg.Of(v)));

    /// <summary>People's words (reasons, ids, sources) as a list, each shown as given.</summary>
    private static Arg Texts(IEnumerable<string> texts) => Arg.Of(texts.Select(Arg.Of));
}
