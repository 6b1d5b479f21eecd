using Emergency.Domain.Enforcement;
using Stateless;

namespace Emergency.Domain.Decisions;

/// <summary>
/// One major decision (重大决策) and its social stability risk assessment (社会稳定风险评估): submitted, assessed
/// (plan, views heard, analysis, rating, report), reviewed by the stability and legal offices, and decided
/// collectively. A Stateless machine decides which moves each stage allows; the guards of the procedure (a high
/// risk is never implemented, a medium risk goes on only mitigated and rated again, the comment period runs its
/// minimum, a changed proposal is assessed again, a regional approval restriction blocks approval) are checked
/// here and nowhere else. Every method takes "now" from its caller; a refused command changes nothing.
/// </summary>
public sealed partial class MajorDecision
{
    /// <summary>Longest list a command may carry (ids, reasons, methods): bad input must not bloat the stored state.</summary>
    public const int MaxListItems = 200;

    private readonly StateMachine<MajorDecisionStage, Trigger> _machine;
    private readonly MajorDecisionRuleCatalog _catalog;
    private readonly IRegionalRestrictions _restrictions;

    private MajorDecision(MajorDecisionState state, MajorDecisionRuleCatalog catalog, IRegionalRestrictions restrictions)
    {
        State = state;
        _catalog = catalog;
        _restrictions = restrictions;
        _machine = new StateMachine<MajorDecisionStage, Trigger>(() => State.Stage, stage => State.Stage = stage);
        Configure();
    }

    private enum Trigger
    {
        Submit,
        PlanAssessment,
        OpenPublicComment,
        ClosePublicComment,
        RecordViews,
        AttachPublicOpinion,
        FinishHearingViews,
        RecordFinding,
        RateRisk,
        RecordMitigation,
        WriteReport,
        RecordReview,
        TakeCollectiveDecision,
        ChangeProposal,
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
        var check = new Validator()
            .Required("title", command.Title)
            .Required("region", command.Region)
            .Defined("kind", command.Kind)
            .Required("proposal", command.Proposal, Validator.LongText)
            .Optional("description", command.Description);
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

    public Decision Submit(SubmitMajorDecision command, Actor actor, DateTimeOffset now)
    {
        var check = new Validator().Optional("note", command.Note);
        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        var rules = _catalog.InForceAt(now);
        return Attempt(Trigger.Submit, "submit", now, precondition: () => rules is null ? NoRuleSetAt(now) : null, apply: () =>
        {
            State.SubmittedAt = now;
            State.SubmittedBy = actor.ToString();
            State.RuleSetId = rules!.Id;
            Append(now, now, actor, MajorDecisionTimelineKind.Submitted, $"Submitted for decision; judged by rule set {rules.Id}{Noted(command.Note)}");
        });
    }

    public Decision PlanAssessment(PlanAssessment command, Actor actor, DateTimeOffset now)
    {
        var check = new Validator()
            .Required("assessedBy", command.AssessedBy)
            .Required("plan", command.Plan, Validator.LongText);
        CheckMethods(check, command.Methods, Rules);
        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        return Attempt(Trigger.PlanAssessment, "plan the assessment", now, precondition: null, apply: () =>
        {
            var revising = State.Stage == MajorDecisionStage.AssessmentPlanned;
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
        });
    }

    public Decision OpenPublicComment(OpenPublicComment command, Actor actor, DateTimeOffset now)
    {
        var check = new Validator()
            .Required("channel", command.Channel)
            .NotInFuture("at", command.At, now);
        if (State.Round is { } planned)
        {
            check.NotBefore("at", command.At, planned.OpenedAt, "the assessment plan: comments on an earlier proposal do not count");
        }

        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        var at = command.At ?? now;
        return Attempt(Trigger.OpenPublicComment, "open public comment", now, precondition: WhyNotOpenComment, apply: () =>
        {
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
        });
    }

    public Decision ClosePublicComment(ClosePublicComment command, Actor actor, DateTimeOffset now)
    {
        var check = new Validator()
            .NotNegative("commentsReceived", command.CommentsReceived)
            .Required("summary", command.Summary, Validator.LongText)
            .NotInFuture("at", command.At, now);
        if (State.Round?.PublicComment is { } opened)
        {
            check.NotBefore("at", command.At, opened.OpenedAt, "the opening of the comment period");
        }

        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        var at = command.At ?? now;
        return Attempt(Trigger.ClosePublicComment, "close public comment", now, precondition: () => WhyNotCloseComment(at), apply: () =>
        {
            var period = State.Round!.PublicComment!;
            period.ClosedAt = at;
            period.ClosedBy = actor.ToString();
            period.CommentsReceived = command.CommentsReceived;
            period.Summary = command.Summary;
            Append(at, now, actor, MajorDecisionTimelineKind.PublicCommentClosed,
                $"Public comment closed after {Durations.Describe(at - period.OpenedAt)}: {command.CommentsReceived} comments received: {command.Summary}{RecordedLater(at, now)}");
        });
    }

    public Decision RecordViews(RecordViews command, Actor actor, DateTimeOffset now)
    {
        var check = new Validator()
            .Defined("method", command.Method)
            .NotInFuture("to", command.To, now)
            .NotNegative("people", command.People)
            .NotNegative("opposed", command.Opposed)
            .Required("summary", command.Summary, Validator.LongText);
        if (command.Method == ViewMethod.PublicComment)
        {
            check.Add("method", "public comment is recorded by opening and closing the comment period");
        }

        if (command.To < command.From)
        {
            check.Add("to", $"{command.To:O} is before from ({command.From:O})");
        }

        if (command.Opposed > command.People)
        {
            check.Add("opposed", $"{command.Opposed} is more than the {command.People} people heard");
        }

        if (State.Round is { } round)
        {
            check.NotBefore("from", command.From, round.OpenedAt, "the assessment plan: views on an earlier proposal do not count");
        }

        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        return Attempt(Trigger.RecordViews, $"record views by {command.Method.Title()}", now, precondition: null, apply: () =>
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
        });
    }

    public Decision AttachPublicOpinion(AttachPublicOpinion command, Actor actor, DateTimeOffset now)
    {
        var check = new Validator()
            .Defined("kind", command.Kind)
            .Required("summary", command.Summary, Validator.LongText)
            .NotInFuture("to", command.To, now);
        if (command.Ids is null || command.Ids.Count == 0)
        {
            check.Add("ids", "must name at least one complaint or warning");
        }
        else if (command.Ids.Count > MaxListItems)
        {
            check.Add("ids", $"has {command.Ids.Count} entries; at most {MaxListItems} are allowed: attach the rest as another link");
        }
        else
        {
            for (var i = 0; i < command.Ids.Count; i++)
            {
                check.Required($"ids[{i}]", command.Ids[i]);
            }
        }

        if (command.Count < 1)
        {
            check.Add("count", "must be at least 1");
        }

        if (command.To < command.From)
        {
            check.Add("to", $"{command.To:O} is before from ({command.From:O})");
        }

        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        return Attempt(Trigger.AttachPublicOpinion, "attach public opinion", now, precondition: null, apply: () =>
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
        });
    }

    public Decision FinishHearingViews(FinishHearingViews command, Actor actor, DateTimeOffset now)
    {
        var check = new Validator().Optional("note", command.Note);
        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        return Attempt(Trigger.FinishHearingViews, "finish hearing views", now, precondition: () => WhyNotFinishHearing(now), apply: () =>
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
        });
    }

    public Decision RecordFinding(RecordFinding command, Actor actor, DateTimeOffset now)
    {
        var check = new Validator()
            .Defined("dimension", command.Dimension)
            .Required("findings", command.Findings, Validator.LongText);
        // A finding under another name of a dimension (safety for controllability) is recorded on the rule set's own.
        var dimension = Rules?.DimensionFor(command.Dimension) ?? command.Dimension;
        if (Rules is { } rules && Enum.IsDefined(command.Dimension) && rules.DimensionFor(command.Dimension) is null)
        {
            check.Add("dimension", $"'{command.Dimension.Name()}' is not analysed under rule set {rules.Id} (dimensions: {string.Join(", ", rules.Dimensions.Keys.Select(d => d.Name()))})");
        }

        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        return Attempt(Trigger.RecordFinding, $"record findings on {dimension.Title()}", now, precondition: () => WhyNotFinding(dimension), apply: () =>
        {
            State.Round!.Findings.Add(new DimensionFinding { Dimension = dimension, Findings = command.Findings, At = now, By = actor.ToString() });
            Append(now, now, actor, MajorDecisionTimelineKind.FindingRecorded, $"Analysed {dimension.Title()}: {command.Findings}");
        });
    }

    public Decision RateRisk(RateRisk command, Actor actor, DateTimeOffset now)
    {
        var check = new Validator().Defined("level", command.Level);
        CheckTexts(check, "reasons", command.Reasons, "must give at least one reason");
        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        return Attempt(Trigger.RateRisk, "rate the risk", now, precondition: WhyNotRate, apply: () =>
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
        });
    }

    public Decision RecordMitigation(RecordMitigation command, Actor actor, DateTimeOffset now)
    {
        var check = new Validator()
            .Required("measure", command.Measure, Validator.LongText)
            .Required("responsibleUnit", command.ResponsibleUnit);
        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        return Attempt(Trigger.RecordMitigation, "record a mitigation measure", now, precondition: null, apply: () =>
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
        });
    }

    public Decision WriteReport(WriteReport command, Actor actor, DateTimeOffset now)
    {
        var check = new Validator()
            .Required("summary", command.Summary, Validator.LongText)
            .Required("emergencyPlan", command.EmergencyPlan, Validator.LongText);
        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        return Attempt(Trigger.WriteReport, "write the report", now, precondition: WhyNotReport, apply: () =>
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
        });
    }

    public Decision RecordReview(RecordReview command, Actor actor, DateTimeOffset now)
    {
        var check = new Validator()
            .Defined("office", command.Office)
            .Defined("verdict", command.Verdict)
            .Required("comments", command.Comments, Validator.LongText);
        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        return Attempt(Trigger.RecordReview, $"record the review of {command.Office.Title()}", now, precondition: () => WhyNotReview(command.Office), apply: () =>
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
        });
    }

    public Decision TakeCollectiveDecision(TakeCollectiveDecision command, Actor actor, DateTimeOffset now)
    {
        var check = new Validator()
            .Defined("outcome", command.Outcome)
            .Required("meeting", command.Meeting)
            .Required("reasons", command.Reasons, Validator.LongText)
            .Optional("explanation", command.Explanation);
        if (command.Outcome.Approves() && State.Round?.Rating is { } rating && Rules is { } rules
            && rules.RiskLevels[rating.Level].ExplanationRequired && string.IsNullOrWhiteSpace(command.Explanation))
        {
            check.Add("explanation", $"is required to approve at {rating.Level.Title()}: say how the remaining objections are answered ({rules.RiskLevels[rating.Level].Source})");
        }

        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        return Attempt(Trigger.TakeCollectiveDecision, $"decide {command.Outcome.Name()}", now, precondition: () => WhyNotDecide(command.Outcome, now), apply: () =>
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
        });
    }

    /// <summary>
    /// Changes the proposal. Before any view is heard the assessment simply continues on the new text; once views are
    /// heard the change reopens the assessment: the round is closed (with what it heard, found and concluded) and a
    /// new one starts from the plan, so the public comments again and the risk is rated again.
    /// </summary>
    public Decision ChangeProposal(ChangeProposal command, Actor actor, DateTimeOffset now)
    {
        var check = new Validator()
            .Required("proposal", command.Proposal, Validator.LongText)
            .Required("whatChanged", command.WhatChanged, Validator.LongText);
        if (command.Proposal == State.Proposal)
        {
            check.Add("proposal", "is the proposal as it stands: nothing changed");
        }

        if (check.Errors.Count > 0)
        {
            return Decision.Invalid(check.Errors);
        }

        var reopens = ReopensAssessment;
        return Attempt(Trigger.ChangeProposal, "change the proposal", now, precondition: null, apply: () =>
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
        });
    }

    /// <summary>The moves the procedure allows now, in the words of the API.</summary>
    public IReadOnlyList<string> AllowedMoves(DateTimeOffset now)
    {
        var moves = new List<string>();
        if (_machine.CanFire(Trigger.Submit) && _catalog.InForceAt(now) is not null)
        {
            moves.Add("submit");
        }

        if (_machine.CanFire(Trigger.PlanAssessment))
        {
            moves.Add("planAssessment");
        }

        if (_machine.CanFire(Trigger.OpenPublicComment) && WhyNotOpenComment() is null)
        {
            moves.Add("openPublicComment");
        }

        if (_machine.CanFire(Trigger.ClosePublicComment) && WhyNotCloseComment(now) is null)
        {
            moves.Add("closePublicComment");
        }

        if (_machine.CanFire(Trigger.RecordViews))
        {
            moves.AddRange(ViewMethods.All.Where(m => m != ViewMethod.PublicComment).Select(m => $"recordViews({m.Name()})"));
        }

        if (_machine.CanFire(Trigger.FinishHearingViews) && WhyNotFinishHearing(now) is null)
        {
            moves.Add("finishHearingViews");
        }

        if (_machine.CanFire(Trigger.RecordFinding))
        {
            moves.AddRange(Rules!.Dimensions.Keys.Where(d => WhyNotFinding(d) is null).Select(d => $"recordFinding({d.Name()})"));
        }

        if (_machine.CanFire(Trigger.RateRisk) && WhyNotRate() is null)
        {
            moves.Add("rateRisk");
        }

        if (_machine.CanFire(Trigger.RecordMitigation))
        {
            moves.Add("recordMitigation");
        }

        if (_machine.CanFire(Trigger.WriteReport) && WhyNotReport() is null)
        {
            moves.Add("writeReport");
        }

        if (_machine.CanFire(Trigger.RecordReview))
        {
            moves.AddRange(ReviewOffices.All.Where(o => WhyNotReview(o) is null).Select(o => $"recordReview({o.Name()})"));
        }

        if (_machine.CanFire(Trigger.TakeCollectiveDecision))
        {
            moves.AddRange(CollectiveDecisionOutcomes.All.Where(o => WhyNotDecide(o, now) is null).Select(o => $"takeCollectiveDecision({o.Name()})"));
        }

        if (_machine.CanFire(Trigger.AttachPublicOpinion))
        {
            moves.Add("attachPublicOpinion");
        }

        if (_machine.CanFire(Trigger.ChangeProposal))
        {
            moves.Add("changeProposal");
        }

        return moves;
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

    private void Configure()
    {
        _machine.Configure(MajorDecisionStage.Draft)
            .Permit(Trigger.Submit, MajorDecisionStage.Submitted)
            .InternalTransition(Trigger.ChangeProposal, () => { });

        _machine.Configure(MajorDecisionStage.Submitted)
            .Permit(Trigger.PlanAssessment, MajorDecisionStage.AssessmentPlanned)
            .InternalTransition(Trigger.AttachPublicOpinion, () => { })
            .InternalTransition(Trigger.ChangeProposal, () => { });

        // Nothing has been heard on the proposal yet: a change needs no new round.
        _machine.Configure(MajorDecisionStage.AssessmentPlanned)
            .InternalTransition(Trigger.PlanAssessment, () => { })
            .Permit(Trigger.OpenPublicComment, MajorDecisionStage.HearingViews)
            .Permit(Trigger.RecordViews, MajorDecisionStage.HearingViews)
            .InternalTransition(Trigger.AttachPublicOpinion, () => { })
            .InternalTransition(Trigger.ChangeProposal, () => { });

        _machine.Configure(MajorDecisionStage.HearingViews)
            .InternalTransition(Trigger.OpenPublicComment, () => { })
            .InternalTransition(Trigger.ClosePublicComment, () => { })
            .InternalTransition(Trigger.RecordViews, () => { })
            .InternalTransition(Trigger.AttachPublicOpinion, () => { })
            .Permit(Trigger.FinishHearingViews, MajorDecisionStage.ViewsHeard)
            .Permit(Trigger.ChangeProposal, MajorDecisionStage.AssessmentPlanned);

        _machine.Configure(MajorDecisionStage.ViewsHeard)
            .PermitDynamic(Trigger.RecordFinding, () => AllDimensionsAnalysed ? MajorDecisionStage.Analysed : MajorDecisionStage.ViewsHeard)
            .InternalTransition(Trigger.AttachPublicOpinion, () => { })
            .Permit(Trigger.ChangeProposal, MajorDecisionStage.AssessmentPlanned);

        _machine.Configure(MajorDecisionStage.Analysed)
            .Permit(Trigger.RateRisk, MajorDecisionStage.RiskRated)
            .InternalTransition(Trigger.AttachPublicOpinion, () => { })
            .Permit(Trigger.ChangeProposal, MajorDecisionStage.AssessmentPlanned);

        _machine.Configure(MajorDecisionStage.RiskRated)
            .InternalTransition(Trigger.RateRisk, () => { })
            .InternalTransition(Trigger.RecordMitigation, () => { })
            .Permit(Trigger.WriteReport, MajorDecisionStage.Reported)
            .InternalTransition(Trigger.AttachPublicOpinion, () => { })
            .Permit(Trigger.ChangeProposal, MajorDecisionStage.AssessmentPlanned);

        // A returned report goes back to the assessors; both offices must agree to the same report.
        _machine.Configure(MajorDecisionStage.Reported)
            .PermitDynamic(Trigger.RecordReview, () => State.Round!.Reviews[^1].Verdict == ReviewVerdict.Returned
                ? MajorDecisionStage.RiskRated
                : State.Round.BothOfficesAgreed ? MajorDecisionStage.Reviewed : MajorDecisionStage.Reported)
            .InternalTransition(Trigger.AttachPublicOpinion, () => { })
            .Permit(Trigger.ChangeProposal, MajorDecisionStage.AssessmentPlanned);

        _machine.Configure(MajorDecisionStage.Reviewed)
            .PermitDynamic(Trigger.TakeCollectiveDecision, () => State.CollectiveDecisions[^1].Outcome == CollectiveDecisionOutcome.Postpone
                ? MajorDecisionStage.Postponed
                : MajorDecisionStage.Decided)
            .InternalTransition(Trigger.AttachPublicOpinion, () => { })
            .Permit(Trigger.ChangeProposal, MajorDecisionStage.AssessmentPlanned);

        _machine.Configure(MajorDecisionStage.Postponed)
            .Permit(Trigger.TakeCollectiveDecision, MajorDecisionStage.Decided)
            .InternalTransition(Trigger.AttachPublicOpinion, () => { })
            .Permit(Trigger.ChangeProposal, MajorDecisionStage.AssessmentPlanned);

        _machine.Configure(MajorDecisionStage.Decided);
    }

    private bool ReopensAssessment => State.Stage is not (MajorDecisionStage.Draft or MajorDecisionStage.Submitted or MajorDecisionStage.AssessmentPlanned or MajorDecisionStage.Decided);

    private bool AllDimensionsAnalysed => Rules!.Dimensions.Keys.All(d => State.Round!.Findings.Any(f => Rules.DimensionFor(f.Dimension) == d));

    private Decision Attempt(Trigger trigger, string move, DateTimeOffset now, Func<Refusal?>? precondition, Action apply)
    {
        if (!_machine.CanFire(trigger))
        {
            var forbidden = WhyStageForbids(trigger, move);
            return Decision.NotAllowed(forbidden.Text, AllowedMoves(now), forbidden.Code);
        }

        if (precondition?.Invoke() is { } why)
        {
            return Decision.NotAllowed(why.Text, AllowedMoves(now), why.Code);
        }

        apply();
        _machine.Fire(trigger);
        State.Version++;
        return Decision.Accepted;
    }

    private Refusal WhyStageForbids(Trigger trigger, string move)
    {
        var round = State.Round;
        var stage = State.Stage;
        var text = (stage, trigger) switch
        {
            (MajorDecisionStage.Decided, _) => $"cannot {move}: the matter was decided ({State.CollectiveDecisions[^1].Outcome.Title()}) at {Durations.Describe(State.CollectiveDecisions[^1].At)}",
            (_, Trigger.Submit) => $"the matter was already submitted at {Durations.Describe(State.SubmittedAt!.Value)}",
            (MajorDecisionStage.Draft, _) => $"cannot {move}: the matter is a draft; submit it first",
            (MajorDecisionStage.Submitted, _) => $"cannot {move} before the assessment is planned (planAssessment)",
            (_, Trigger.PlanAssessment) => "the assessment plan cannot change once views are being heard; a change to the proposal reopens the assessment",
            (MajorDecisionStage.AssessmentPlanned, Trigger.ClosePublicComment) => "public comment has not been opened",
            (MajorDecisionStage.AssessmentPlanned, Trigger.FinishHearingViews) => "no view has been heard yet",
            (_, Trigger.OpenPublicComment or Trigger.ClosePublicComment or Trigger.RecordViews or Trigger.FinishHearingViews)
                => $"cannot {move}: hearing views ended at {Durations.Describe(round!.ViewsHeardAt!.Value)}; a change to the proposal reopens the assessment",
            (MajorDecisionStage.AssessmentPlanned or MajorDecisionStage.HearingViews, Trigger.RecordFinding)
                => "the analysis starts once views are heard (finishHearingViews)",
            (_, Trigger.RecordFinding) => "every dimension is already analysed",
            (MajorDecisionStage.AssessmentPlanned or MajorDecisionStage.HearingViews or MajorDecisionStage.ViewsHeard, Trigger.RateRisk)
                => $"the risk is rated once every dimension is analysed{StillToAnalyse()}",
            (_, Trigger.RateRisk) => $"the risk cannot be rated again once report #{round!.Report!.Number} is written; a review that returns the report sends it back",
            (MajorDecisionStage.AssessmentPlanned or MajorDecisionStage.HearingViews or MajorDecisionStage.ViewsHeard or MajorDecisionStage.Analysed, Trigger.RecordMitigation)
                => "mitigation measures answer a risk rating: rate the risk first",
            (_, Trigger.RecordMitigation) => $"report #{round!.Report!.Number} is written: measures are added only if a review returns it",
            (MajorDecisionStage.AssessmentPlanned or MajorDecisionStage.HearingViews or MajorDecisionStage.ViewsHeard or MajorDecisionStage.Analysed, Trigger.WriteReport)
                => "the report needs a risk rating first",
            (_, Trigger.WriteReport) => $"report #{round!.Report!.Number} is already written",
            (MajorDecisionStage.Reviewed or MajorDecisionStage.Postponed, Trigger.RecordReview)
                => $"both offices already agreed to report #{round!.Report!.Number}",
            (MajorDecisionStage.RiskRated, Trigger.RecordReview) when round!.Report is { } returned
                => $"report #{returned.Number} was returned; the reviews resume on the next report (writeReport)",
            (_, Trigger.RecordReview) => "there is no report to review yet",
            (MajorDecisionStage.Reported, Trigger.TakeCollectiveDecision)
                => $"the collective decision needs the preliminary reviews of both offices: waiting for {string.Join(" and ", ReviewOffices.All.Where(o => round!.ReviewBy(o)?.Verdict != ReviewVerdict.Agreed).Select(o => o.Title()))}",
            (_, Trigger.TakeCollectiveDecision) => "the collective decision comes after the assessment report and the preliminary reviews of both offices",
            _ => $"cannot {move} while the matter is {stage}",
        };
        var code = (stage, trigger) switch
        {
            (MajorDecisionStage.Decided, _) => DecisionRefusals.Decided,
            (_, Trigger.Submit) => DecisionRefusals.AlreadySubmitted,
            (MajorDecisionStage.Reported, Trigger.TakeCollectiveDecision) => DecisionRefusals.ReviewsPending,
            _ => DecisionRefusals.OutOfOrder,
        };
        return new Refusal(code, text);
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

    private static void CheckMethods(Validator check, IReadOnlyList<ViewMethod>? methods, MajorDecisionRuleSet? rules)
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

    private static void CheckTexts(Validator check, string field, IReadOnlyList<string>? texts, string whenEmpty)
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
